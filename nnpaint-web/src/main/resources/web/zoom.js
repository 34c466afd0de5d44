// The zoom view: a deep-zoom viewer (OpenSeadragon, copied into the jar at build time) over either a poster the
// server was started with (`nnpaint serve --poster DIR`) or the painting of the paint view, whose tiles the server
// paints as they are asked for. Every level is painted by the network itself, so zooming in shows real detail.

import * as api from './api.js';
import { round } from './recipe.js';

const LIBRARY = '/vendor/openseadragon/openseadragon.min.js';
const LIVE = 'live';
let library = null;

/** Loads the viewer library once, on first use: the other views never pay for it. */
function loadLibrary() {
  if (!library) {
    library = new Promise((resolve, reject) => {
      if (window.OpenSeadragon) { resolve(window.OpenSeadragon); return; }
      const script = document.createElement('script');
      script.src = LIBRARY;
      script.onload = () => resolve(window.OpenSeadragon);
      script.onerror = () => { library = null; reject(new Error('cannot load the viewer library ' + LIBRARY)); };
      document.head.append(script);
    });
  }
  return library;
}

/**
 * The input-plane point under viewport point (px, py) of an image whose recipe is r. Viewport units: the image
 * is 1 wide and height/width tall, y down; the formula is View's (u, v in -1..1 across the width, y up).
 */
export function inputPoint(r, px, py) {
  const aspect = r.height / r.width;
  const u = 2 * px - 1;
  const v = aspect - 2 * py;
  const t = (r.rotate || 0) * Math.PI / 180;
  const [cx, cy] = r.center || [0, 0];
  return [cx + r.extent * (u * Math.cos(t) - v * Math.sin(t)), cy + r.extent * (u * Math.sin(t) + v * Math.cos(t))];
}

export function createZoomView(paintRecipe, openInPaint, setStatus) {
  const $ = id => document.getElementById(id);
  const box = $('zoom-viewer');
  const select = $('zoom-source');
  let viewer = null;
  let posters = [];
  let shown = null;       // {key, recipe, width, height, canPaint}: what the viewer shows
  // whether the paint view paints a model the page opened (a trained or fitted network): the live painting is then
  // that model's, and a newly opened one is shown live
  let pageModel = false;
  let showLive = false;
  window.addEventListener('nnpaint:open-model', () => { pageModel = true; showLive = true; shown = null; });
  window.addEventListener('nnpaint:close-model', () => { pageModel = false; shown = null; });

  async function ensureViewer() {
    if (viewer) return viewer;
    const OSD = await loadLibrary();
    viewer = OSD({
      element: box,
      prefixUrl: '/vendor/openseadragon/images/',
      showNavigator: true,
      navigatorPosition: 'BOTTOM_RIGHT',
      showRotationControl: false,
      showFullPageControl: true,
      autoHideControls: false,
      // a few tiles at a time: the server paints them on two cores, and the coarse ones arrive first
      imageLoaderLimit: 4,
      // the 2D canvas drawer: smooth for one image, and it stays quick where WebGL falls back to software
      drawer: 'canvas',
      tileRetryMax: 2,
      tileRetryDelay: 700,
      // live tiles go far deeper than any screen; a poster may be magnified four times past its pixels
      maxZoomPixelRatio: 4,
      visibilityRatio: 0.5,
      animationTime: 0.9,
      springStiffness: 7,
      blendTime: 0.15,
      crossOriginPolicy: false,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
    });
    viewer.addHandler('animation', readout);
    viewer.addHandler('open', () => { readout(); box.dataset.state = 'open'; });
    viewer.addHandler('open-failed', e => { box.dataset.state = 'failed'; setStatus('zoom: ' + e.message, true); });
    viewer.addHandler('tile-load-failed', e => setStatus('zoom: a tile did not load: ' + (e.message || ''), true));
    viewer.world.addHandler('add-item', e => {
      e.item.addHandler('fully-loaded-change', f => {
        if (f.fullyLoaded) box.dataset.state = 'drawn';
        $('zoom-loading').textContent = f.fullyLoaded ? '' : 'loading tiles\u2026';
      });
    });
    return viewer;
  }

  /** Zoom relative to the whole picture, the centre in input-plane coordinates, and poster pixels on screen. */
  function readout() {
    if (!viewer || !shown) return;
    const vp = viewer.viewport;
    const zoom = vp.getZoom(true);
    const c = vp.getCenter(true);
    const [x, y] = inputPoint(shown.recipe, c.x, c.y);
    const halfWidth = shown.recipe.extent * vp.getBounds(true).width;
    const screenPerPixel = vp.viewportToImageZoom(zoom);
    $('zoom-factor').textContent = round(zoom / vp.getHomeZoom(), 2) + '\u00d7';
    $('zoom-center').textContent = '(' + round(x, 6) + ', ' + round(y, 6) + ')';
    $('zoom-extent').textContent = String(Number(halfWidth.toPrecision(4)));
    $('zoom-pixels').textContent = screenPerPixel >= 1
      ? Number(screenPerPixel.toPrecision(3)) + ' screen px per px'
      : Number((1 / screenPerPixel).toPrecision(3)) + ' px per screen px';
    $('zoom-level').textContent = String(levelShown(screenPerPixel));
  }

  /** The pyramid level whose resolution the viewer draws at this magnification. */
  function levelShown(screenPerPixel) {
    const top = Math.ceil(Math.log2(Math.max(shown.width, shown.height)));
    return Math.max(0, Math.min(top, top + Math.ceil(Math.log2(Math.min(1, screenPerPixel)) - 1e-9)));
  }

  async function loadPosters() {
    try {
      posters = (await api.getJson('/api/posters')).posters;
    } catch (err) {
      posters = [];
      setStatus('zoom: ' + err.message, true);
    }
    const keep = select.value;
    select.replaceChildren();
    for (const p of posters) {
      const o = document.createElement('option');
      o.value = String(p.id);
      o.textContent = `${p.name}: ${p.width}\u00d7${p.height}, ${p.levels} levels` + (p.note ? ` (${p.note})` : '');
      select.append(o);
    }
    const live = document.createElement('option');
    live.value = LIVE;
    live.textContent = 'live: the current painting';
    select.append(live);
    select.value = [...select.options].some(o => o.value === keep) ? keep : select.options[0].value;
  }

  async function openSelected() {
    const choice = select.value;
    try {
      await ensureViewer();
      if (choice === LIVE) {
        const recipe = paintRecipe();
        const key = 'live:' + pageModel + ':' + JSON.stringify(recipe);
        if (shown && shown.key === key) return;
        const model = pageModel ? { model: 'page' } : {};
        const layout = await api.getJson('/api/live', { recipe, ...model });
        // the model's version in the tiles' addresses: another model opened later gets addresses of its own
        if (pageModel) model.mv = layout.modelVersion;
        shown = { key, recipe: layout.recipe, width: layout.width, height: layout.height, canPaint: !pageModel };
        $('zoom-about').textContent = `painted by the server as you zoom: ${layout.width}\u00d7${layout.height} `
          + `pixels, ${layout.levels} levels, tiles of ${layout.tileSize}`
          + (pageModel ? '; the model opened in the paint view' : '');
        box.dataset.state = 'loading';
        viewer.open({
          width: layout.width, height: layout.height, tileSize: layout.tileSize, tileOverlap: layout.overlap,
          minLevel: 0, maxLevel: layout.levels - 1,
          getTileUrl: (level, col, row) => api.url('/api/tile', { recipe, level, col, row, ...model }),
        });
      } else {
        const p = posters.find(q => String(q.id) === choice);
        if (!p) return;
        const key = 'poster:' + p.dzi;
        if (shown && shown.key === key) return;
        shown = { key, recipe: p.recipe, width: p.width, height: p.height, canPaint: !p.model };
        $('zoom-about').textContent = `${p.width}\u00d7${p.height} pixels, ${p.levels} levels, `
          + `${p.tiles.toLocaleString('en')} tiles` + (p.note ? ` (${p.note})` : '')
          + (p.model ? '; painted from a model file' : '');
        box.dataset.state = 'loading';
        viewer.open(p.dzi);
      }
      $('zoom-to-paint').disabled = !shown.canPaint;
    } catch (err) {
      setStatus('zoom: ' + err.message, true);
    }
  }

  /** The recipe of what the viewer shows now, at the paint view's size: the same view, ready to tweak. */
  function visibleRecipe() {
    const vp = viewer.viewport;
    const c = vp.getCenter(true);
    const [x, y] = inputPoint(shown.recipe, c.x, c.y);
    const bounds = vp.getBounds(true);
    const r = JSON.parse(JSON.stringify(shown.recipe));
    // the paint view keeps the aspect of the recipe; show the width the viewer shows
    r.extent = round(shown.recipe.extent * bounds.width, 10);
    r.center = [round(x, 10), round(y, 10)];
    const paint = paintRecipe();
    r.width = paint.width;
    r.height = paint.height;
    return r;
  }

  select.addEventListener('change', openSelected);
  $('zoom-reload').addEventListener('click', async () => { shown = null; await loadPosters(); openSelected(); });
  $('zoom-to-paint').addEventListener('click', () => { if (viewer && shown) openInPaint(visibleRecipe()); });

  return {
    async show() {
      if (!posters.length && !select.options.length) await loadPosters();
      if (showLive) {
        showLive = false;
        select.value = LIVE;
      }
      await openSelected();
    },
    /** The OpenSeadragon viewer, for the browser console and the end-to-end tests. */
    viewer: () => viewer,
  };
}
