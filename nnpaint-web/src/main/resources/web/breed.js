// The breed view: nine variations of a parent recipe; clicking one makes it the parent of the next generation.
// A generation is {parent, seed}: its children are computed from those two alone (a seeded random stream per
// child), so going back re-creates exactly the variations that were shown, and the same parent with the same
// seed breeds the same children anywhere. The first seed comes from the parent's JSON, so a share link opened
// in the breed view shows the same first generation on every machine.

import * as api from './api.js';
import { defaultOf, normalized, parseInit, round, same } from './recipe.js';

const CHILDREN = 9;
const CELL_SIDE = 240;      // the longer side of a variation's picture, in pixels
const PARENT_SIDE = 256;
const THUMB_SIDE = 44;      // a generation's picture in the trail
const MAX_LAYER_SIZE = 64;
const MAX_DEPTH = 24;
// The breed view's renders use a page id of their own: the server supersedes a page's older numbered renders,
// and the nine cells of one generation share a number, so they must not race the paint view's previews.
const BREED_PAGE = api.pageId + '-breed';

const $ = id => document.getElementById(id);

// ---- deterministic randomness ---------------------------------------------------------------------------------

/** FNV-1a of a string: the first generation's seed from its parent's JSON. */
function hashString(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Mixes two 32-bit numbers into one (the child k of a generation, the next seed after a reroll). */
function mix(a, b) {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: a small, fast stream of uniform numbers in [0, 1) from a 32-bit seed. */
function randomStream(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** A standard normal number (Box-Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    int: n => Math.floor(next() * n),
    pick: list => list[Math.floor(next() * list.length)],
  };
}

// ---- mutations ------------------------------------------------------------------------------------------------

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

/** The activation of every hidden layer, spelled out (the recipe cycles a shorter list over the layers). */
function perLayer(r) {
  return r.hidden.map((_, k) => r.activations[k % r.activations.length]);
}

/** The shortest list that cycles to the same per-layer activations. */
function compact(list) {
  for (let n = 1; n < list.length; n++) {
    if (list.length % n === 0 && list.every((a, k) => a === list[k % n])) return list.slice(0, n);
  }
  return list;
}

/**
 * What a variation may change: each takes the recipe (a copy, changed in place), the random stream and the
 * strength, and returns a few words for the cell's caption, or null when it does not apply to this recipe.
 * The weight says how often it is chosen.
 */
function mutations(options) {
  // identity and sigmoid as hidden activations mostly flatten the picture to one colour: not worth a cell
  const activations = options.activations.filter(a => a !== 'identity' && a !== 'sigmoid');
  const takesScale = Object.fromEntries(options.inits.map(i => [i.id, i.parameter]));

  function scale(which, floor) {
    return (r, rnd, s) => {
      const init = parseInit(r[which]);
      if (!takesScale[init.kind]) return null;
      const factor = Math.exp(rnd.normal() * 0.35 * s);
      const scaled = init.scale > 0 ? init.scale * factor : 0.2 * s * Math.abs(rnd.normal());
      r[which] = `${init.kind}:${round(clamp(scaled, floor, 8), 3)}`;
      return `${which} ${r[which]}`;
    };
  }

  return [
    { weight: 3, apply: scale('weights', 0.05) },
    { weight: 2, apply: scale('biases', 0) },
    {
      weight: 2, apply(r, rnd, s) {
        r.gain = round(clamp(r.gain * Math.exp(rnd.normal() * 0.3 * s), 0.1, 4), 3);
        return 'gain ' + r.gain;
      },
    },
    {
      weight: 3, apply(r, rnd) {
        if (!r.hidden.length) return null;
        const list = perLayer(r);
        const k = rnd.int(list.length);
        const choice = rnd.pick(activations.filter(a => a !== list[k]));
        list[k] = choice;
        r.activations = compact(list);
        return `layer ${k + 1} ${choice}`;
      },
    },
    {
      weight: 1, apply(r, rnd) {
        if (!r.hidden.length) return null;
        const list = perLayer(r);
        const k = rnd.int(list.length);
        const pool = activations.slice();
        const chosen = [];
        for (let n = 2 + rnd.int(2); n > 0; n--) chosen.push(pool.splice(rnd.int(pool.length), 1)[0]);
        list[k] = 'mix:' + chosen.join(',');
        r.activations = compact(list);
        return `layer ${k + 1} ${list[k]}`;
      },
    },
    {
      weight: 1, apply(r, rnd) {
        // A layer more or less at the end: the earlier layers keep their weights (each weight is drawn from
        // the seed, its layer, row and column), so the picture changes without starting over.
        const deeper = r.hidden.length < 2 || (r.hidden.length < MAX_DEPTH && rnd.next() < 0.5);
        if (deeper) r.hidden = [...r.hidden, r.hidden.length ? r.hidden[r.hidden.length - 1] : defaultOf('neurons')];
        else r.hidden = r.hidden.slice(0, -1);
        return `depth ${r.hidden.length}`;
      },
    },
    {
      weight: 1, apply(r, rnd) {
        if (!r.hidden.length) return null;
        const k = rnd.int(r.hidden.length);
        const size = clamp(Math.round(r.hidden[k] * (rnd.next() < 0.5 ? 0.5 : 2)), 2, MAX_LAYER_SIZE);
        if (size === r.hidden[k]) return null;
        r.hidden = r.hidden.slice();
        r.hidden[k] = size;
        return `layer ${k + 1} ${size} neurons`;
      },
    },
    {
      weight: 1, apply(r, rnd) {
        r.seed = rnd.int(2 ** 31);
        return 'seed ' + r.seed;
      },
    },
    {
      weight: 4, apply(r, rnd, s) {
        if (!r.z_dim) return null;
        const k = rnd.int(r.z_dim);
        r.z = r.z.slice();
        r.z[k] = round(clamp(r.z[k] + rnd.normal() * 0.5 * s, -3, 3), 3);
        return `z${k + 1} ${r.z[k]}`;
      },
    },
    {
      weight: 2, apply(r, rnd, s) {
        const factor = Math.exp(rnd.normal() * 0.45 * s);
        r.extent = Number(clamp(r.extent * factor, 1e-6, 1e6).toPrecision(4));
        // digits enough for a deep zoom: a few beyond the view's size
        const digits = clamp(Math.ceil(-Math.log10(r.extent)) + 4, 4, 15);
        r.center = r.center.map(c => round(c + rnd.normal() * 0.25 * s * r.extent, digits));
        return `zoom ${round(1 / r.extent, 2)}\u00d7`;
      },
    },
    {
      weight: 1, apply(r, rnd, s) {
        r.rotate = round(((r.rotate + rnd.normal() * 35 * s + 540) % 360) - 180, 1);
        return `rotate ${r.rotate}\u00b0`;
      },
    },
    {
      weight: 1, apply(r, rnd) {
        const choices = options.colorModes.filter(m => m !== 'palette')
          .concat(options.palettes.map(p => 'palette:' + p)).filter(c => c !== r.color);
        r.color = rnd.pick(choices);
        return r.color;
      },
    },
  ];
}

/**
 * The nine children of a generation: each changes one to three things of the parent (more with a higher
 * strength), and none equals the parent or a sibling.
 */
export function breed(parent, seed, strength, kinds) {
  const total = kinds.reduce((sum, m) => sum + m.weight, 0);
  const children = [];
  const seen = new Set([JSON.stringify(normalized(parent))]);
  for (let k = 0; k < CHILDREN; k++) {
    const rnd = randomStream(mix(seed, k));
    for (let attempt = 0; attempt < 20; attempt++) {
      const r = normalized(parent);
      const changes = [];
      const count = 1 + (rnd.next() < 0.45 * strength ? 1 : 0) + (rnd.next() < 0.2 * strength ? 1 : 0);
      while (changes.length < count) {
        let x = rnd.next() * total;
        const m = kinds.find(kind => (x -= kind.weight) < 0) || kinds[kinds.length - 1];
        const change = m.apply(r, rnd, strength);
        if (change !== null) changes.push(change);
      }
      const key = JSON.stringify(normalized(r));
      if (!seen.has(key)) {
        seen.add(key);
        children.push({ recipe: normalized(r), changes });
        break;
      }
    }
  }
  return children;
}

// ---- the view -------------------------------------------------------------------------------------------------

/** A preview PNG of a recipe as a bitmap, numbered like the paint view's previews but under its own page id. */
async function renderBitmap(recipe, w, h, seq, signal) {
  const query = new URLSearchParams({ recipe: JSON.stringify(recipe), w, h, seq, page: BREED_PAGE });
  const response = await fetch('/api/render?' + query, { signal });
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    throw new api.ServerError(response.status, message);
  }
  return createImageBitmap(await response.blob());
}

function fitted(recipe, side) {
  const { width: w, height: h } = recipe;
  return w >= h ? [side, Math.max(1, Math.round(side * h / w))] : [Math.max(1, Math.round(side * w / h)), side];
}

function paintBitmap(canvas, bitmap) {
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d').drawImage(bitmap, 0, 0);
}

/**
 * @param paintRecipe  () => the recipe the paint view holds: a lineage starts from it
 * @param openInPaint  recipe => shows the recipe in the paint view
 */
export function createBreedView(options, paintRecipe, openInPaint, setStatus) {
  const kinds = mutations(options);
  const grid = $('breed-grid');
  const parentCanvas = $('breed-parent');
  // Each entry: {parent, seed, strength, changes (how the parent differs from its own parent), thumb (a canvas)}:
  // parent, seed and strength determine the children.
  let lineage = [];
  let children = [];
  let source = null;          // the paint view's recipe this lineage started from (or was last opened in)
  let seq = 0;
  let controller = null;

  const strength = () => Number($('breed-strength').value);
  const current = () => lineage[lineage.length - 1];

  function start(recipe) {
    source = normalized(recipe);
    lineage = [{ parent: source, seed: hashString(JSON.stringify(source)), strength: strength(), changes: [],
      thumb: null }];
    show();
  }

  /** Shows the current generation: the parent, the trail of generations and the nine children. */
  function show() {
    const gen = current();
    children = breed(gen.parent, gen.seed, gen.strength, kinds);
    $('breed-strength').value = gen.strength;
    $('breed-strength-out').value = round(gen.strength, 2);
    $('breed-generation').textContent = `generation ${lineage.length} \u00b7 seed ${gen.seed.toString(16)}`;
    $('breed-parent-changes').textContent = gen.changes.length ? gen.changes.join(', ') : 'the paint view\u2019s picture';
    $('breed-back').disabled = lineage.length < 2;
    parentCanvas.dataset.recipe = JSON.stringify(gen.parent);
    showTrail();
    grid.replaceChildren(...children.map((child, k) => {
      const cell = document.createElement('figure');
      cell.className = 'breed-cell';
      cell.tabIndex = 0;
      cell.dataset.index = k;
      cell.dataset.recipe = JSON.stringify(child.recipe);
      cell.dataset.state = 'loading';
      cell.title = 'breed from this one';
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = fitted(child.recipe, CELL_SIDE);
      const caption = document.createElement('figcaption');
      caption.textContent = child.changes.join(', ');
      const paint = document.createElement('button');
      paint.type = 'button';
      paint.textContent = 'paint';
      paint.title = 'open this variation in the paint view';
      paint.addEventListener('click', e => { e.stopPropagation(); open(child.recipe); });
      caption.append(paint);
      cell.append(canvas, caption);
      cell.addEventListener('click', () => choose(k));
      cell.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(k); } });
      return cell;
    }));
    renderAll();
  }

  function showTrail() {
    $('breed-trail').replaceChildren(...lineage.map((gen, i) => {
      const step = document.createElement('button');
      step.type = 'button';
      step.className = 'breed-step';
      step.title = `back to generation ${i + 1}` + (gen.changes.length ? ': ' + gen.changes.join(', ') : '');
      step.dataset.generation = i + 1;
      if (gen.thumb) step.append(gen.thumb);
      step.append(String(i + 1));
      step.classList.toggle('current', i === lineage.length - 1);
      step.addEventListener('click', () => { if (i < lineage.length - 1) { lineage = lineage.slice(0, i + 1); show(); } });
      return step;
    }));
  }

  /** Renders the parent and the nine children; a newer generation aborts these requests (and the server's renders). */
  async function renderAll() {
    if (controller) controller.abort();
    const me = new AbortController();
    controller = me;
    const mySeq = ++seq;
    grid.dataset.state = 'loading';
    grid.dataset.generation = lineage.length;
    const gen = current();
    const started = performance.now();
    const parentJob = (async () => {
      const [w, h] = fitted(gen.parent, PARENT_SIDE);
      const bitmap = await renderBitmap(gen.parent, w, h, mySeq, me.signal);
      paintBitmap(parentCanvas, bitmap);
      if (!gen.thumb) {
        gen.thumb = document.createElement('canvas');
        [gen.thumb.width, gen.thumb.height] = fitted(gen.parent, THUMB_SIDE);
        gen.thumb.getContext('2d').drawImage(bitmap, 0, 0, gen.thumb.width, gen.thumb.height);
        showTrail();
      }
      bitmap.close();
    })();
    const cellJobs = [...grid.children].map(async (cell, k) => {
      const canvas = cell.querySelector('canvas');
      try {
        const bitmap = await renderBitmap(children[k].recipe, canvas.width, canvas.height, mySeq, me.signal);
        paintBitmap(canvas, bitmap);
        bitmap.close();
        cell.dataset.state = 'final';
      } catch (err) {
        if (err.name === 'AbortError' || err.status === 409) throw err;
        cell.dataset.state = 'error';
        cell.querySelector('figcaption').textContent = err.message;
      }
    });
    try {
      await Promise.all([parentJob, ...cellJobs]);
      if (seq !== mySeq) return;
      grid.dataset.state = 'final';
      setStatus(`generation ${lineage.length}: ${CHILDREN} variations in ${Math.round(performance.now() - started)} ms`);
    } catch (err) {
      if (err.name === 'AbortError' || err.status === 409 || seq !== mySeq) return;
      grid.dataset.state = 'error';
      setStatus(err.message, true);
    }
  }

  function choose(k) {
    const child = children[k];
    lineage.push({ parent: child.recipe, seed: mix(current().seed, k + CHILDREN), strength: strength(),
      changes: child.changes, thumb: null });
    show();
  }

  function open(recipe) {
    source = normalized(recipe);
    openInPaint(source);
  }

  $('breed-back').addEventListener('click', () => {
    if (lineage.length > 1) { lineage.pop(); show(); }
  });
  $('breed-reroll').addEventListener('click', () => {
    current().seed = mix(current().seed, 0x5eed);
    show();
  });
  $('breed-strength').addEventListener('change', () => { current().strength = strength(); show(); });
  $('breed-strength').addEventListener('input', () => { $('breed-strength-out').value = round(strength(), 2); });
  $('breed-strength-out').value = round(strength(), 2);
  $('breed-open').addEventListener('click', () => open(current().parent));

  return {
    /** A lineage starts from the paint view's picture, unless that picture is where the lineage left it. */
    show() {
      const painted = paintRecipe();
      if (!lineage.length || !same(painted, source)) start(painted);
    },
  };
}
