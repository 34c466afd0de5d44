// The paint view: controls for every recipe field, the canvas with pan/zoom, live previews, undo/redo, share
// link, download and the stats panel. A change draws a quarter-resolution preview at once and the full
// resolution once the controls rest; a request that a newer one made stale is aborted (and the server, told by
// the sequence number, stops rendering it). Undo steps are gestures (history.js), not moments of rest.

import * as api from './api.js';
import { defaultOf, field, formatInit, normalized, parseInit, round, withDefaults } from './recipe.js';
import { UndoHistory } from './history.js';
import { linkFor } from './link.js';
import { canvasSize as sizeFor, readActivations, readHidden, readSeed, readSide } from './fields.js';
import { inPageWords } from './advice.js';
import { createGpuPainter } from './gpu.js';
import { createMotionPanel, withMotion } from './animate-live.js';

const REST_MS = 180;        // controls resting this long get the full-resolution render
const PATIENCE_MS = 150;    // a preview younger than this is left to finish; the newest state follows it
const CANVAS_SIDE = 512;    // the longer side of the canvas, in pixels
// The page's controls of each field of the recipe table: their help and lower bounds come from the table.
const CONTROLS = {
  seed: 'seed', layers: 'layers', neurons: 'neurons', hidden: 'hidden', activation: 'activation',
  activations: 'activations', 'output-activation': 'output-activation', weights: 'weights-kind',
  biases: 'biases-kind', gain: 'gain', inputs: 'inputs', 'z-dim': 'zdim', color: 'color-mode', rotate: 'rotate',
  width: 'dl-width', height: 'dl-height', antialias: 'antialias', tile: 'tile',
};

const $ = id => document.getElementById(id);

export function createPaintView(options, initial, setStatus) {
  const canvas = $('canvas');
  const ctx = canvas.getContext('2d');
  const inits = Object.fromEntries(options.inits.map(i => [i.id, i.parameter]));
  const INPUT_ORDER = field('inputs').choices;
  const NEURONS = defaultOf('neurons');
  const maxSide = (options.limits && options.limits.maxDownloadSide) || 32768;
  let recipe = withDefaults(initial || {});
  let history = new UndoHistory(recipe);
  const invalid = new Map();  // field id -> message: a field kept as typed until the person changes it again
  let seq = 0;
  let inflight = null;        // {controller, started, full}
  let pendingPreview = false;
  let restTimer = 0;
  let statsController = null;
  let shown = null;           // {bitmap, center, extent}: what the canvas shows, for instant pan and zoom
  let opened = null;          // {outputs, before}: a trained model the server keeps for this page, painted instead
                              // of the recipe's network; before is the undo history of the recipes to go back to
  const gpu = createGpuPainter();
  let motionPanel = null;     // the motion panel (animate-live.js), made once the controls are

  // ---- controls -------------------------------------------------------------------------------------------

  function fillSelect(select, values) {
    select.replaceChildren(...values.map(v => new Option(v, v)));
  }
  fillSelect($('activation'), [...options.activations, 'mix']);
  fillSelect($('output-activation'), options.activations);
  fillSelect($('weights-kind'), options.inits.map(i => i.id));
  fillSelect($('biases-kind'), options.inits.map(i => i.id));
  fillSelect($('color-mode'), options.colorModes);
  fillSelect($('palette'), options.palettes);
  fillSelect($('antialias'), field('antialias').choices);
  $('mix').replaceChildren(...options.activations.map(a => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = a;
    label.append(box, ' ' + a);
    return label;
  }));

  for (const [name, id] of Object.entries(CONTROLS)) {
    const f = field(name);
    const control = $(id);
    if (!f || !control) continue;
    const label = control.closest('label') || control;
    label.title = f.help;
    // number boxes take the table's lower bound; the sliders keep the span that is worth exploring
    if (control.type === 'number' && f.min !== null) control.min = f.minExclusive ? f.min + 1 : f.min;
  }

  /** Shows the recipe in the controls (after undo, a share link, a gallery pick). */
  function fillControls() {
    setField('seed', recipe.seed);
    const hidden = recipe.hidden;
    $('layers').value = hidden.length;
    $('layers-out').value = hidden.length;
    $('neurons').value = hidden.length ? hidden[0] : NEURONS;
    $('neurons-out').value = hidden.length ? (hidden.every(n => n === hidden[0]) ? hidden[0] : 'mixed') : '-';
    setField('hidden', hidden.join(','));
    const acts = recipe.activations;
    const single = acts.length === 1 && !acts[0].startsWith('mix:');
    const mix = acts.length === 1 && acts[0].startsWith('mix:');
    $('activation').value = single ? acts[0] : 'mix';
    $('mix').hidden = !mix;
    const mixed = mix ? acts[0].slice(4).split(',') : [];
    for (const box of $('mix').querySelectorAll('input')) box.checked = mixed.includes(box.value);
    setField('activations', acts.join('; '));
    $('output-activation').value = recipe.output_activation;
    for (const which of ['weights', 'biases']) {
      const init = parseInit(recipe[which]);
      $(which + '-kind').value = init.kind;
      $(which + '-scale').disabled = init.scale === null;
      if (init.scale !== null) $(which + '-scale').value = init.scale;
      $(which + '-scale-out').value = init.scale === null ? '-' : init.scale;
    }
    $('gain').value = recipe.gain;
    $('gain-out').value = round(recipe.gain, 2);
    for (const box of $('inputs').querySelectorAll('input')) box.checked = recipe.inputs.includes(box.value);
    $('zdim').value = recipe.z_dim;
    $('zdim-out').value = recipe.z_dim;
    fillZSliders();
    const palette = recipe.color.startsWith('palette:');
    $('color-mode').value = palette ? 'palette' : recipe.color;
    $('palette').disabled = !palette;
    if (palette) $('palette').value = recipe.color.slice(8);
    $('rotate').value = recipe.rotate;
    $('rotate-out').value = round(recipe.rotate, 1) + '\u00b0';
    $('zoom-out').value = round(1 / recipe.extent, 2) + '\u00d7';
    setField('dl-width', recipe.width);
    setField('dl-height', recipe.height);
    // a link may ask for more samples than the list offers (up to 16 a side): the list grows to show it
    if (![...$('antialias').options].some(o => o.value === String(recipe.antialias))) {
      $('antialias').append(new Option(String(recipe.antialias), String(recipe.antialias)));
    }
    $('antialias').value = String(recipe.antialias);
    $('tile').checked = !!recipe.tile;
    showAntialiasNote();
    showUndo();
  }

  /**
   * What anti-aliasing does where: downloads, gallery saves and the server's pictures take the samples; the GPU
   * draws one sample a device pixel.
   */
  function showAntialiasNote() {
    const a = String(recipe.antialias);
    const what = a === '1' ? 'one sample a pixel'
      : a === 'auto' ? '2\u00d72 samples a pixel, 4\u00d74 where those disagree' : `${a}\u00d7${a} samples a pixel`;
    $('antialias-note').textContent = `the PNG and gallery saves take ${what}`
      + (a === '1' ? '' : '; the GPU preview draws one a screen pixel, the server\u2019s preview takes them too');
  }

  function showUndo() {
    $('undo').disabled = !history.canUndo();
    $('redo').disabled = !history.canRedo();
  }

  /** Writes a text field unless it holds what the person typed and the page refused. */
  function setField(id, value) {
    if (!invalid.has(id)) $(id).value = value;
  }

  /** Marks a field as refused, with the message beside it and in the status line, or clears the mark. */
  function markField(id, message) {
    const input = $(id);
    let note = document.getElementById(id + '-error');
    if (message) {
      invalid.set(id, message);
      if (!note) {
        note = document.createElement('small');
        note.id = id + '-error';
        note.className = 'field-error';
        input.closest('label').after(note);
      }
      note.textContent = message;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', note.id);
      setStatus.fieldError(id, message);
    } else if (invalid.has(id)) {
      invalid.delete(id);
      if (note) note.remove();
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      setStatus.fieldFixed(id);
    }
  }

  /** Reads a typed field: its value when it reads, else null with the field marked. */
  function read(id, result) {
    markField(id, result.message || null);
    return result.message ? null : result.value;
  }

  function fillZSliders() {
    const box = $('z-sliders');
    const z = recipe.z || [];
    if (box.children.length !== z.length) {
      box.replaceChildren(...z.map((_, k) => {
        const label = document.createElement('label');
        label.innerHTML = `z${k + 1} <output></output><input type="range" min="-3" max="3" step="0.01">`;
        label.querySelector('input').id = 'z-slider-' + k;
        label.querySelector('input').addEventListener('input', e => {
          recipe.z[k] = Number(e.target.value);
          label.querySelector('output').value = recipe.z[k];
          changed('slider:' + e.target.id);
        });
        return label;
      }));
    }
    z.forEach((v, k) => {
      box.children[k].querySelector('input').value = v;
      box.children[k].querySelector('output').value = round(v, 2);
    });
  }

  /**
   * Listens to a control. A slider's input events are one gesture (one undo step) until the pointer is lifted,
   * the slider loses focus or Enter is pressed; everything else is a step of its own. A handler that returns
   * false changed nothing (a refused field).
   */
  function on(id, event, handler) {
    const gesture = event === 'input' && $(id).type === 'range' ? 'slider:' + id : null;
    $(id).addEventListener(event, e => { if (handler(e.target) !== false) changed(gesture); });
  }

  on('seed', 'change', t => {
    const seed = read('seed', readSeed(t.value));
    if (seed === null) return false;
    recipe.seed = seed;
  });
  $('new-seed').addEventListener('click', newSeed);
  on('layers', 'input', t => { recipe.hidden = Array(Number(t.value)).fill(Number($('neurons').value)); });
  on('neurons', 'input', t => { recipe.hidden = recipe.hidden.map(() => Number(t.value)); });
  on('hidden', 'change', t => {
    const sizes = read('hidden', readHidden(t.value));
    if (sizes === null) return false;
    recipe.hidden = sizes;
  });
  on('activation', 'change', t => {
    if (t.value === 'mix') {
      const boxes = [...$('mix').querySelectorAll('input')];
      if (!boxes.some(b => b.checked)) for (const b of boxes) b.checked = ['tanh', 'sin', 'gaussian'].includes(b.value);
      recipe.activations = ['mix:' + boxes.filter(b => b.checked).map(b => b.value).join(',')];
    } else {
      recipe.activations = [t.value];
    }
  });
  on('mix', 'change', () => {
    const chosen = [...$('mix').querySelectorAll('input')].filter(b => b.checked).map(b => b.value);
    if (chosen.length) recipe.activations = ['mix:' + chosen.join(',')];
  });
  on('activations', 'change', t => {
    const list = read('activations', readActivations(t.value));
    if (list === null) return false;
    recipe.activations = list;
  });
  on('output-activation', 'change', t => { recipe.output_activation = t.value; });
  for (const which of ['weights', 'biases']) {
    const update = () => {
      const kind = $(which + '-kind').value;
      recipe[which] = formatInit(kind, Number($(which + '-scale').value), inits[kind]);
    };
    on(which + '-kind', 'change', update);
    on(which + '-scale', 'input', update);
  }
  on('gain', 'input', t => { recipe.gain = Number(t.value); });
  on('inputs', 'change', () => {
    const chosen = [...$('inputs').querySelectorAll('input')].filter(b => b.checked).map(b => b.value);
    if (recipe.z_dim > 0) chosen.push('z');
    recipe.inputs = INPUT_ORDER.filter(n => chosen.includes(n));
  });
  on('zdim', 'input', t => {
    const k = Number(t.value);
    const z = (recipe.z || []).slice(0, k);
    while (z.length < k) z.push(round(Math.random() * 2 - 1, 2));
    recipe.z_dim = k;
    recipe.z = k > 0 ? z : null;
    const names = recipe.inputs.filter(n => n !== 'z');
    if (k > 0) names.push('z');
    recipe.inputs = INPUT_ORDER.filter(n => names.includes(n));
  });
  on('color-mode', 'change', t => {
    recipe.color = t.value === 'palette' ? 'palette:' + $('palette').value : t.value;
  });
  on('palette', 'change', t => { recipe.color = 'palette:' + t.value; });
  on('rotate', 'input', t => { recipe.rotate = Number(t.value); });
  on('tile', 'change', t => { recipe.tile = t.checked; });
  // a number of samples a side is a number in the recipe, "auto" a word (as the recipe file writes them)
  on('antialias', 'change', t => { recipe.antialias = t.value === 'auto' ? 'auto' : Number(t.value); });
  $('reset-view').addEventListener('click', () => {
    recipe.extent = defaultOf('extent');
    recipe.center = defaultOf('center');
    recipe.rotate = defaultOf('rotate');
    changed(null);
  });
  for (const [id, field] of [['dl-width', 'width'], ['dl-height', 'height']]) {
    on(id, 'change', t => {
      const n = read(id, readSide(t.value, field, maxSide));
      if (n === null) return false;
      recipe[field] = n;
    });
  }

  function newSeed() {
    if (opened) return;
    recipe.seed = Math.floor(Math.random() * 2 ** 31);
    changed(null);
  }

  // ---- history, share link, download, gallery ---------------------------------------------------------------

  /** Puts the recipe in the address bar and the share field; a share link holds a recipe, never a model. */
  function showLink() {
    if (opened) return;
    // the address keeps the view it shows; the share link opens the paint view
    const address = motionLink(linkFor(location.href, recipe, location.hash.slice(1) || 'paint'));
    if (address !== location.href) window.history.replaceState(null, '', address);
    $('share-link').value = motionLink(linkFor(location.href, recipe));
  }

  function restore(r) {
    if (!r) return;
    recipe = r;
    fillControls();
    schedule(true);
    showLink();
  }

  // What ends a gesture: lifting the pointer, pressing it anew, Enter, leaving a control, or a key meant for
  // something other than the slider that is growing a step.
  const endGesture = () => { history.end(); showUndo(); };
  document.addEventListener('pointerdown', endGesture, true);
  document.addEventListener('pointerup', endGesture, true);
  document.addEventListener('focusout', endGesture, true);
  document.addEventListener('keydown', e => {
    if (e.key === 'Enter' || history.growing() !== 'slider:' + e.target.id) endGesture();
  }, true);

  /** A field where Ctrl-Z belongs to the text being typed, not to the recipe. */
  function editsText(target) {
    if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
    return target.tagName === 'INPUT' && ['text', 'number', 'search', 'url', 'email', ''].includes(target.type);
  }

  $('undo').addEventListener('click', () => restore(history.undo()));
  $('redo').addEventListener('click', () => restore(history.redo()));
  document.addEventListener('keydown', e => {
    if ((e.ctrlKey || e.metaKey) && ['z', 'y'].includes(e.key.toLowerCase()) && editsText(e.target)) {
      return;   // the browser undoes the typing
    }
    if (!$('view-paint').hidden && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      restore(e.shiftKey ? history.redo() : history.undo());
    } else if (!$('view-paint').hidden && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      restore(history.redo());
    } else if (e.key === 'n' && !e.ctrlKey && !e.metaKey && !['INPUT', 'SELECT', 'TEXTAREA'].includes(e.target.tagName)) {
      newSeed();
    }
  });

  /** A link with the motion panel's motion, when one is set up. */
  function motionLink(link) {
    return motionPanel ? withMotion(link, motionPanel.motion()) : link;
  }

  $('share').addEventListener('click', async () => {
    const link = motionLink(linkFor(location.href, recipe));
    $('share-link').value = link;
    try {
      await navigator.clipboard.writeText(link);
      setStatus('share link copied');
    } catch (e) {
      $('share-link').select();
      setStatus('copy the link from the field below the picture');
    }
  });

  $('download-form').addEventListener('submit', async e => {
    e.preventDefault();
    for (const id of ['dl-width', 'dl-height']) {
      if (invalid.has(id)) {
        $(id).focus();
        setStatus(invalid.get(id), true);
        return;
      }
    }
    const params = { recipe: normalized(recipe), w: recipe.width, h: recipe.height, force: $('dl-force').checked,
      model: opened ? 'page' : undefined };
    try {
      await api.getJson('/api/download', { ...params, check: true });
    } catch (err) {
      setStatus(err.message, true);
      return;
    }
    // A plain link, so that the browser streams the PNG to disk as the server renders it.
    const a = document.createElement('a');
    a.href = api.url('/api/download', params);
    a.download = `nnpaint-${recipe.seed}-${recipe.width}x${recipe.height}.png`;
    document.body.append(a);
    a.click();
    a.remove();
    setStatus(`downloading ${recipe.width}\u00d7${recipe.height} PNG`);
  });

  $('save').addEventListener('click', async () => {
    $('save').disabled = true;
    try {
      const saved = await api.postJson('/api/gallery', { recipe: normalized(recipe) });
      setStatus('saved ' + saved.name + ' to the gallery');
    } catch (err) {
      setStatus(err.message, true);
    } finally {
      $('save').disabled = false;
    }
  });

  // ---- rendering ------------------------------------------------------------------------------------------

  function canvasSize() {
    return sizeFor(recipe.width, recipe.height, CANVAS_SIDE);
  }

  /** After a change of the recipe: one undo step, or part of the gesture's step. */
  function changed(gesture) {
    history.change(recipe, gesture);
    fillControls();
    if (motionPanel) motionPanel.recipeChanged();
    schedule(false);
  }

  /** A preview now (or as soon as the running one lands), the full picture when the controls rest. */
  function schedule(immediateFull) {
    if (gpuSchedule(immediateFull)) return;
    draw();
    canvas.dataset.state = 'loading';
    clearTimeout(restTimer);
    if (inflight && !inflight.full && performance.now() - inflight.started < PATIENCE_MS) {
      pendingPreview = true;
    } else {
      request(false);
    }
    restTimer = setTimeout(() => { request(true); showLink(); }, immediateFull ? 0 : REST_MS);
  }

  async function request(full) {
    if (inflight) inflight.controller.abort();
    pendingPreview = false;
    const [cw, ch] = canvasSize();
    const scale = full ? 1 : 4;
    const w = Math.max(1, Math.round(cw / scale));
    const h = Math.max(1, Math.round(ch / scale));
    const snapshot = normalized(recipe);
    const me = { controller: new AbortController(), started: performance.now(), full, seq: ++seq };
    inflight = me;
    try {
      const { bitmap, millis } = await api.render(snapshot, w, h, me.seq, me.controller.signal,
        opened ? { model: 'page' } : {});
      if (me.seq !== seq) { bitmap.close(); return; }
      if (canvas.width !== cw || canvas.height !== ch) { canvas.width = cw; canvas.height = ch; }
      if (shown) shown.bitmap.close();
      shown = { bitmap, center: snapshot.center.slice(), extent: snapshot.extent, rotate: snapshot.rotate };
      draw();
      if (full) {
        canvas.dataset.recipe = JSON.stringify(snapshot);
        canvas.dataset.model = opened ? 'page' : '';
        canvas.dataset.state = 'final';
        const why = canvas.dataset.gpuRefusal;
        setStatus(`${w}\u00d7${h} in ${millis} ms on the server` + (why ? ` (${why})` : ''));
        updateStats(snapshot);
      } else {
        canvas.dataset.state = 'preview';
      }
    } catch (err) {
      if (err.name === 'AbortError' || err.status === 409) return;
      canvas.dataset.state = 'error';
      setStatus(err.message, true);
    } finally {
      if (inflight === me) {
        inflight = null;
        if (pendingPreview) request(false);
      }
    }
  }

  /** The canvas's size on screen in device pixels, and in CSS pixels. */
  function screenSize() {
    const [cw, ch] = canvasSize();
    const dpr = window.devicePixelRatio || 1;
    return [Math.round(cw * dpr), Math.round(ch * dpr), cw, ch];
  }

  /**
   * The GPU paints every change at once, at the canvas's size on screen; when the controls rest the picture is
   * final, the stats and link follow, and a probe checks it against the server's. False when the server paints.
   */
  function gpuSchedule(immediateFull) {
    const snapshot = normalized(recipe);
    const model = opened ? 'page' : null;
    const [w, h] = screenSize();
    if (gpu.refusal(snapshot, model, w, h)) {
      canvas.dataset.renderer = 'server';
      canvas.dataset.gpuRefusal = gpu.refusal(snapshot, model, w, h);
      return false;
    }
    clearTimeout(restTimer);
    if (inflight) inflight.controller.abort();
    const mine = ++seq;
    canvas.dataset.state = 'loading';
    gpuFrame(snapshot, model).then(drawn => {
      if (mine !== seq) return;
      if (!drawn) { schedule(true); return; }   // refused now: the server paints it
      canvas.dataset.state = 'preview';
      restTimer = setTimeout(async () => {
        if (mine !== seq) return;
        canvas.dataset.recipe = JSON.stringify(snapshot);
        canvas.dataset.model = model || '';
        canvas.dataset.state = 'final';
        const info = gpu.info();
        setStatus(`${w}\u00d7${h} on the GPU (${gpu.name}), ${info ? info.multiplyAdds : '?'} multiply-adds a pixel`);
        updateStats(snapshot);
        showLink();
        if (!await gpu.verify(snapshot, model, ++seq)) {
          setStatus(gpu.refusal(snapshot, model, w, h) + '; the server paints it', false);
          schedule(true);
        }
      }, immediateFull ? 0 : REST_MS);
    });
    return true;
  }

  /** Paints a recipe on the GPU into the canvas without touching the recipe or its history (animation frames). */
  async function gpuFrame(snapshot, model = opened ? 'page' : null) {
    const [w, h, cw] = screenSize();
    // a loaded network draws before the first await, in the task of the event that changed the recipe
    if (!gpu.paintLoaded(snapshot, model, w, h) && !await gpu.paint(snapshot, model, w, h)) return false;
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    canvas.style.width = cw + 'px';
    if (shown) { shown.bitmap.close(); shown = null; }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(gpu.canvas, 0, 0);
    canvas.dataset.renderer = 'gpu';
    delete canvas.dataset.gpuRefusal;
    return true;
  }

  /**
   * Draws what was rendered, moved, scaled and turned to the current view, so that panning, zooming and
   * rotating feel instant while the new picture renders. A point of the rendered view at (u, v) sits in the
   * current view at R(-t)(c_shown - c)/e + (e_shown/e) R(t_shown - t)(u, v).
   */
  function draw() {
    if (!shown) return;
    const W = canvas.width;
    const H = canvas.height;
    const t = recipe.rotate * Math.PI / 180;
    const a = (shown.rotate - recipe.rotate) * Math.PI / 180;
    const dx = shown.center[0] - recipe.center[0];
    const dy = shown.center[1] - recipe.center[1];
    const tu = (dx * Math.cos(t) + dy * Math.sin(t)) / recipe.extent;
    const tv = (-dx * Math.sin(t) + dy * Math.cos(t)) / recipe.extent;
    const s = shown.extent / recipe.extent;
    const c = s * Math.cos(a);
    const n = s * Math.sin(a);
    // canvas y points down where v points up, so a turn by a in (u, v) is a turn by -a in pixels
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.imageSmoothingEnabled = true;
    ctx.setTransform(c, -n, n, c, W / 2 + tu * W / 2 - (c * W / 2 + n * H / 2),
      H / 2 - tv * W / 2 - (-n * W / 2 + c * H / 2));
    ctx.drawImage(shown.bitmap, 0, 0, W, H);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  async function updateStats(snapshot) {
    if (statsController) statsController.abort();
    if (opened) {
      // the verdicts describe random networks drawn from the recipe; a trained one has none of its statistics
      for (const id of ['stat-phase', 'stat-chi1', 'stat-std', 'stat-critical']) $(id).textContent = '\u2013';
      $('stat-phase').className = '';
      $('grey-goo').hidden = true;
      $('verdicts').textContent = 'no statistics for a trained model';
      $('stats').dataset.phase = '';
      $('stats').dataset.model = 'page';
      $('stats').dataset.recipe = JSON.stringify(snapshot);
      return;
    }
    statsController = new AbortController();
    try {
      const s = await api.getJson('/api/stats', { recipe: snapshot }, statsController.signal);
      $('stat-phase').textContent = s.phase || 'n/a';
      $('stat-phase').className = s.phase ? 'phase-' + s.phase : '';
      $('stat-chi1').textContent = number(s.chi1);
      $('stat-std').textContent = number(s.outputStd);
      $('stat-critical').textContent = number(s.criticalSigmaW);
      $('grey-goo').hidden = !s.greyGoo;
      $('verdicts').replaceChildren(...s.verdicts.map(v => {
        const p = document.createElement('p');
        p.textContent = inPageWords(v.text, snapshot);
        p.dataset.kind = v.kind;
        return p;
      }));
      $('stats').dataset.phase = s.phase || '';
      $('stats').dataset.model = '';
      $('stats').dataset.recipe = JSON.stringify(snapshot);
    } catch (err) {
      if (err.name !== 'AbortError') $('verdicts').textContent = 'stats: ' + err.message;
    }
  }

  /** Three significant digits, small values in scientific notation; null (no theory) as n/a. */
  function number(v) {
    if (v === null || v === undefined) return 'n/a';
    return v !== 0 && Math.abs(v) < 0.001 ? v.toExponential(1) : String(round(v, 3));
  }

  // ---- pan, zoom ------------------------------------------------------------------------------------------

  /** Canvas pixel (px, py) as the view's (u, v). */
  function uv(px, py) {
    return [2 * (px + 0.5) / canvas.width - 1, (1 - 2 * (py + 0.5) / canvas.height) * canvas.height / canvas.width];
  }

  function rotated(u, v) {
    const t = recipe.rotate * Math.PI / 180;
    return [u * Math.cos(t) - v * Math.sin(t), u * Math.sin(t) + v * Math.cos(t)];
  }

  function canvasPoint(e) {
    const box = canvas.getBoundingClientRect();
    return [(e.clientX - box.left) * canvas.width / box.width, (e.clientY - box.top) * canvas.height / box.height];
  }

  let drag = null;
  canvas.addEventListener('pointerdown', e => {
    history.end();
    drag = { start: canvasPoint(e), center: recipe.center.slice() };
    canvas.setPointerCapture(e.pointerId);
    canvas.classList.add('dragging');
  });
  canvas.addEventListener('pointermove', e => {
    if (!drag) return;
    const [x, y] = canvasPoint(e);
    const du = -2 * (x - drag.start[0]) / canvas.width;
    const dv = 2 * (y - drag.start[1]) / canvas.width;
    const [dx, dy] = rotated(du, dv);
    recipe.center = [round(drag.center[0] + recipe.extent * dx, 6), round(drag.center[1] + recipe.extent * dy, 6)];
    history.change(recipe, 'drag');
    draw();
    schedule(false);
  });
  const endDrag = () => {
    drag = null;
    canvas.classList.remove('dragging');
  };
  canvas.addEventListener('pointerup', endDrag);
  canvas.addEventListener('pointercancel', endDrag);
  canvas.addEventListener('wheel', e => {
    e.preventDefault();
    if (e.shiftKey) {
      // shift + wheel turns the view about its centre
      const turned = recipe.rotate + (e.deltaY || e.deltaX) * 0.05;
      recipe.rotate = round(((turned + 540) % 360) - 180, 2);
      $('rotate').value = recipe.rotate;
      $('rotate-out').value = round(recipe.rotate, 1) + '\u00b0';
      history.change(recipe, 'wheel-rotate');
      fillControls();
      draw();
      schedule(false);
      return;
    }
    const factor = Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.0015)));
    const [u, v] = uv(...canvasPoint(e));
    const [ru, rv] = rotated(u, v);
    const e0 = recipe.extent;
    const e1 = Math.min(1e6, Math.max(1e-6, e0 * factor));
    recipe.extent = round(e1, 8);
    recipe.center = [round(recipe.center[0] + (e0 - e1) * ru, 8), round(recipe.center[1] + (e0 - e1) * rv, 8)];
    $('zoom-out').value = round(1 / recipe.extent, 2) + '\u00d7';
    history.change(recipe, 'wheel-zoom');
    fillControls();
    draw();
    schedule(false);
  }, { passive: false });

  // ---- a trained model (opened from the train view) ---------------------------------------------------------

  const note = document.createElement('p');
  note.id = 'model-note';
  note.className = 'hint';
  note.hidden = true;
  const back = document.createElement('button');
  back.id = 'model-back';
  back.type = 'button';
  back.textContent = 'Back to random networks';
  const noteText = document.createElement('span');
  note.append(noteText, ' ', back);
  $('controls').prepend(note);
  // the network, weights and inputs belong to the recipe's random network; a trained model fixes them all
  const networkFieldsets = ['seed', 'weights-kind', 'inputs'].map(id => $(id).closest('fieldset'));

  function showModelMode() {
    for (const f of networkFieldsets) {
      f.disabled = !!opened;
      f.style.opacity = opened ? '0.45' : '';
    }
    note.hidden = !opened;
    $('share').disabled = !!opened;
    $('save').disabled = !!opened;
    for (const o of $('color-mode').options) {
      const channels = o.value === 'gray' || o.value === 'palette' ? 1 : 3;
      o.disabled = !!opened && channels !== opened.outputs;
    }
    if (opened) noteText.textContent = `painting a trained model (${opened.outputs} output${opened.outputs === 1 ? '' : 's'})`;
  }

  // A model opened gets an undo history of its own: undo never steps back to a recipe the model cannot paint
  // (three colour channels of a one-output model) nor past the opening; Back returns to the recipes' history.
  window.addEventListener('nnpaint:open-model', e => {
    const d = e.detail;
    history.end();
    const before = opened ? opened.before : history;
    opened = { outputs: d.outputs, before };
    gpu.forget();
    if (d.color) recipe.color = d.color;
    recipe.extent = d.extent;
    recipe.center = d.center;
    recipe.rotate = 0;
    history = new UndoHistory(recipe);
    showModelMode();
    fillControls();
    schedule(true);
  });

  /** Back to painting the recipes' random networks, with their undo history. */
  function closeModel() {
    history = opened.before;
    opened = null;
    fetch(api.url('/api/model', {}), { method: 'DELETE' }).catch(() => {});
    window.dispatchEvent(new CustomEvent('nnpaint:close-model')); // the zoom view's live painting follows
    showModelMode();
  }

  back.addEventListener('click', () => {
    closeModel();
    restore(history.current());
  });

  motionPanel = createMotionPanel({ recipe: () => normalized(recipe), frame: s => gpuFrame(normalized(s)) },
    setStatus);
  fillControls();
  showLink();
  return {
    show() { if (!shown) schedule(true); },
    /** Opens a recipe (from the gallery, say) as a new undoable step; an open model gives way to it. */
    open(r) {
      if (opened) closeModel();
      recipe = normalized(r);
      history.change(recipe);
      fillControls();
      schedule(true);
      showLink();
    },
    recipe: () => normalized(recipe),
    /** Draws a recipe as an animation frame on the GPU; false when the GPU cannot paint it. */
    frame: snapshot => gpuFrame(normalized(snapshot)),
    /** Paints the recipe the controls hold again (after an animation). */
    repaint: () => schedule(true),
    gpu,
    /** Where undo stands: the steps it holds, the current one, and whether a gesture is still growing it. */
    undoState: () => ({ steps: history.items.length, at: history.at, growing: history.growing() }),
  };
}
