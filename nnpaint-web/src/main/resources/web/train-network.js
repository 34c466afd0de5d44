// The train view's network drawn as a network: a column per layer (the inputs, the hidden layers of the editor,
// the outputs), each neuron with its picture, and links between them coloured by the sign of their weight (orange
// below zero, blue above, as the pictures) and thickened by its size, redrawn with every snapshot. Hovering a link
// shows its weight, clicking it edits the weight on the server (training goes on from the new value); hovering a
// neuron shows its picture large. Beside the network, "show the maths" writes out its equations (train-maths.js).
//
// The hidden neurons are the editor's own pictures (train.js draws them); this module adds the input and output
// columns around them and the links under them. Between two layers it draws at most MAX_LINKS_PER_GAP links, the
// strongest ones, stroked as a few paths (one per sign and strength step), and a wide network's large links canvas
// redraws at most once a second while training, so that the rest of the view keeps its pace; the hint under the
// picture says when links are left out.

import * as api from './api.js';
import { mathsOf, mathsHtml } from './train-maths.js';

/** Links drawn between two layers at most: the strongest; all of them when there are this few or fewer. */
export const MAX_LINKS_PER_GAP = 400;
/** A weight of this size or more is drawn at full width and strength. */
export const FULL_WEIGHT = 1.5;
/**
 * A links canvas has at most this many pixels, fewer than the screen's for a large network (10 layers of 64 cover
 * some 4 million CSS pixels), and a network that large redraws its links at most every LARGE_LINKS_MS while
 * training: the canvas's size, not the number of lines, is what slows the page's redraws (10 x 64 on a loaded
 * machine: 0.1 to 0.3 redraws a second at full size, 1.3 with the cap, 2.5 with both, 2.4 without links).
 */
const LARGE_LINKS_PIXELS = 1000000;
const LARGE_LINKS_MS = 1000;
/** How near (CSS pixels) the pointer must be to a link to pick it. */
const PICK_DISTANCE = 5;
/** Largest weight the server takes from an edit. */
export const MAX_EDITED_WEIGHT = 100;
const ORANGE = [245, 147, 34];
const BLUE = [8, 119, 189];
const NEUTRAL = [36, 39, 47];

/** Little-endian float32 values from base64, as the snapshot sends weights. */
export function decodeFloats(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, bytes.length / 4);
}

function decodeBytes(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The links of one layer's weight block to draw: indices into `w` (row-major, rows x cols), at most `cap`, the
 * strongest, ordered weakest first so that the strong ones are drawn on top.
 */
export function strongestLinks(w, cap) {
  const order = Array.from(w.keys());
  order.sort((a, b) => Math.abs(w[b]) - Math.abs(w[a]) || a - b);
  return order.slice(0, cap).reverse();
}

/** Steps of a link's strength: links of one sign and step are stroked together, as one path. */
export const LINK_STEPS = 12;

/** The strength step of weight w: 0 for zero, LINK_STEPS - 1 from FULL_WEIGHT on. */
export function linkStep(w) {
  return Math.round(Math.min(1, Math.abs(w) / FULL_WEIGHT) * (LINK_STEPS - 1));
}

/**
 * A link's colour (CSS) and width (CSS pixels) for weight w: the sign's colour, stronger and wider as |w| grows,
 * in LINK_STEPS steps.
 */
export function linkStyle(w) {
  const t = linkStep(w) / (LINK_STEPS - 1);
  const c = w < 0 ? ORANGE : BLUE;
  return { color: `rgba(${c[0]},${c[1]},${c[2]},${(0.2 + 0.8 * t).toFixed(3)})`, width: 0.4 + 4.6 * t };
}

/** Distance from (x, y) to the segment (x0, y0)-(x1, y1). */
export function segmentDistance(x, y, x0, y0, x1, y1) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length2));
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
}

/** The drawn link nearest to (x, y) within `tolerance`, the strongest on top winning ties; null if none. */
export function nearestLink(links, x, y, tolerance) {
  let best = null;
  let bestDistance = tolerance;
  for (let i = links.length - 1; i >= 0; i--) {
    const k = links[i];
    const d = segmentDistance(x, y, k.x0, k.y0, k.x1, k.y1);
    if (d < bestDistance) { best = k; bestDistance = d; }
  }
  return best;
}

/**
 * The name of unit `unit` of column `column` (0 the inputs, then the hidden layers, the last the outputs): the
 * input's name, h<layer>.<unit> as the server names hidden units, out or out.<unit> (all counted from 1).
 */
export function unitName(column, unit, sizes, inputNames) {
  if (column === 0) return inputNames[unit] || `input ${unit + 1}`;
  if (column === sizes.length - 1) return sizes[column] === 1 ? 'out' : `out.${unit + 1}`;
  return `h${column}.${unit + 1}`;
}

/**
 * What a weight edit's text means: the number, or why it is refused (the server checks again).
 */
export function parseWeight(text) {
  const v = Number(String(text).trim());
  if (String(text).trim() === '' || !Number.isFinite(v)) return { error: `'${text}' is not a number` };
  if (Math.abs(v) > MAX_EDITED_WEIGHT) {
    return { error: `a weight from -${MAX_EDITED_WEIGHT} to ${MAX_EDITED_WEIGHT}, not ${text}` };
  }
  return { value: v };
}

/** The colour of each picture byte (128 meaning 0): orange below, blue above, dark at zero, as RGBA. */
const PICTURE_LUT = (() => {
  const t = new Uint8ClampedArray(256 * 4);
  for (let b = 0; b < 256; b++) {
    const v = Math.max(-1, Math.min(1, (b - 128) / 127));
    const c = v < 0 ? ORANGE : BLUE;
    const a = Math.abs(v);
    t.set([NEUTRAL[0] + (c[0] - NEUTRAL[0]) * a, NEUTRAL[1] + (c[1] - NEUTRAL[1]) * a,
      NEUTRAL[2] + (c[2] - NEUTRAL[2]) * a, 255], 4 * b);
  }
  return t;
})();

function paintPicture(canvas, base64, side) {
  if (canvas.width !== side) { canvas.width = side; canvas.height = side; }
  const bytes = decodeBytes(base64);
  const g = canvas.getContext('2d');
  const image = g.createImageData(side, side);
  const out = image.data;
  for (let p = 0; p < bytes.length; p++) {
    const at = 4 * bytes[p];
    out[4 * p] = PICTURE_LUT[at];
    out[4 * p + 1] = PICTURE_LUT[at + 1];
    out[4 * p + 2] = PICTURE_LUT[at + 2];
    out[4 * p + 3] = 255;
  }
  g.putImageData(image, 0, 0);
}

function fmt(v) {
  return (v >= 0 ? '' : '\u2212') + Math.abs(v).toFixed(4);
}

/**
 * The network picture around the editor's `layersBox`. `session()` names the session shown, `show(snapshot)`
 * takes an answer the way the poll's are taken, `setStatus` reports errors.
 */
export function createTrainNetwork({ layersBox, session, show, setStatus }) {
  const graph = document.createElement('div');
  graph.className = 'train-graph';
  graph.id = 'train-graph';
  const links = document.createElement('canvas');
  links.className = 'train-links';
  links.id = 'train-links';
  const inputs = document.createElement('div');
  inputs.className = 'train-layer train-graph-column';
  inputs.id = 'train-inputs';
  const outputs = document.createElement('div');
  outputs.className = 'train-layer train-graph-column';
  outputs.id = 'train-outputs';
  layersBox.before(graph);
  graph.append(links, inputs, layersBox, outputs);

  const tip = document.createElement('div');
  tip.className = 'train-tip';
  tip.id = 'train-link-tip';
  tip.hidden = true;
  const zoom = document.createElement('div');
  zoom.className = 'train-zoom';
  zoom.id = 'train-neuron-zoom';
  zoom.hidden = true;
  const zoomCanvas = document.createElement('canvas');
  const zoomCaption = document.createElement('div');
  zoom.append(zoomCanvas, zoomCaption);
  const editor = document.createElement('form');
  editor.className = 'train-weight-edit';
  editor.id = 'train-weight-edit';
  editor.hidden = true;
  const editorLabel = document.createElement('label');
  const editorText = document.createElement('span');
  const editorInput = document.createElement('input');
  editorInput.type = 'text';
  editorInput.inputMode = 'decimal';
  editorInput.spellcheck = false;
  editorInput.id = 'train-weight-value';
  editorLabel.append(editorText, editorInput);
  editor.append(editorLabel);
  graph.append(tip, zoom, editor);

  // the key, the cap and the maths toggle under the picture
  const tools = document.createElement('div');
  tools.className = 'train-graph-tools';
  const hint = document.createElement('span');
  hint.className = 'hint';
  hint.id = 'train-links-hint';
  const toggleLabel = document.createElement('label');
  toggleLabel.className = 'train-maths-toggle';
  const toggle = document.createElement('input');
  toggle.type = 'checkbox';
  toggle.id = 'train-show-maths';
  toggleLabel.append(toggle, ' show the maths');
  tools.append(hint, toggleLabel);
  const maths = document.createElement('div');
  maths.className = 'train-maths';
  maths.id = 'train-maths';
  maths.hidden = true;
  const body = document.createElement('div');
  body.className = 'train-graph-body';
  graph.before(body);
  body.append(graph, maths);
  // under the whole picture (the feature toggles' column included)
  (layersBox.closest('.train-net') || body.parentElement).append(tools);

  let points = null;
  let snapshot = null;
  let columns = []; // [column] of neuron elements (canvases), inputs first, outputs last
  let positions = null; // [column][unit] {x, y, left, right} in the graph's coordinates
  let drawn = []; // the links drawn: {layer, row, col, w, x0, y0, x1, y1}
  let hovered = null;
  let editing = null;
  let zoomed = null; // {column, unit} while a neuron is hovered
  let linksDrawnAt = -Infinity; // when the links were last drawn (performance.now)

  toggle.addEventListener('change', () => {
    maths.hidden = !toggle.checked;
    graph.closest('.train-net').classList.toggle('with-maths', toggle.checked);
    if (toggle.checked) writeMaths();
    positions = null;
    redrawLinks();
  });

  function writeMaths() {
    if (!points || maths.hidden) return;
    const t = points.training || {};
    const c = points.config || {};
    maths.innerHTML = mathsHtml(mathsOf({
      layers: points.layers, activation: c.activation, outputActivation: t.outputActivation || 'sigmoid',
      loss: t.loss || 'bce', batch: t.batch || c.batch, trainSamples: t.trainSamples, optimizer: c.optimizer,
      learningRate: c.learningRate, l1: t.l1 || 0, l2: t.l2 || 0,
      inputNames: snapshot && snapshot.inputs ? snapshot.inputs.map(i => i.name) : ['x', 'y'],
    }));
  }

  function neuron(title) {
    const c = document.createElement('canvas');
    c.className = 'train-neuron';
    c.title = title;
    return c;
  }

  function columnHead(text) {
    const head = document.createElement('div');
    head.className = 'train-layer-head train-graph-head';
    head.textContent = text;
    return head;
  }

  /** A new session: the input and output columns for its shape (the editor has just built the hidden ones). */
  function setup(answer) {
    points = answer;
    snapshot = null;
    hovered = null;
    closeEditor();
    const sizes = points.layers;
    // named by the snapshot's inputs when it comes (the features, or a CSV file's columns)
    const names = points.features || ['x', 'y'];
    // the column of feature toggles beside it says "inputs"; the pictures' names are their titles
    inputs.replaceChildren(columnHead('\u00a0'));
    for (let i = 0; i < Math.min(sizes[0], 64); i++) inputs.append(neuron(names[i] || `input ${i + 1}`));
    outputs.replaceChildren(columnHead(sizes[sizes.length - 1] === 1 ? 'output' : 'outputs'));
    for (let i = 0; i < Math.min(sizes[sizes.length - 1], 64); i++) {
      outputs.append(neuron(unitName(sizes.length - 1, i, sizes, names)));
    }
    positions = null;
    writeMaths();
  }

  /** The neuron elements of every column, and where each sits in the graph. */
  function measure() {
    const hidden = Array.from(layersBox.querySelectorAll('.train-layer'), col => Array.from(col.querySelectorAll('canvas')));
    columns = [Array.from(inputs.querySelectorAll('canvas'))].concat(hidden, [Array.from(outputs.querySelectorAll('canvas'))]);
    const box = graph.getBoundingClientRect();
    positions = columns.map(list => list.map(el => {
      const r = el.getBoundingClientRect();
      return { left: r.left - box.left, right: r.right - box.left, y: r.top - box.top + r.height / 2 };
    }));
    const width = Math.max(1, graph.offsetWidth);
    const height = Math.max(1, graph.offsetHeight);
    const scale = linkScale(width, height);
    if (links.width !== Math.round(width * scale) || links.height !== Math.round(height * scale)) {
      links.width = Math.round(width * scale);
      links.height = Math.round(height * scale);
      links.style.width = width + 'px';
      links.style.height = height + 'px';
    }
  }

  /** Pixels of the links canvas per CSS pixel: the screen's, less for a large network (see LARGE_LINKS_PIXELS). */
  function linkScale(width, height) {
    const screen = window.devicePixelRatio || 1;
    return Math.min(screen, Math.sqrt(LARGE_LINKS_PIXELS / (width * height)));
  }

  new ResizeObserver(() => { positions = null; redrawLinks(); }).observe(graph);

  /** The links of the snapshot between the neurons shown, the strongest of each layer, and the hint about them. */
  function redrawLinks() {
    if (!snapshot || !snapshot.weights || !points) return;
    const begun = performance.now();
    if (!positions) measure();
    const scale = links.width / Math.max(1, graph.offsetWidth);
    const g = links.getContext('2d');
    g.setTransform(scale, 0, 0, scale, 0, 0);
    g.clearRect(0, 0, links.width, links.height);
    g.lineCap = 'round';
    drawn = [];
    let total = 0;
    let left = 0;
    // one path per sign and strength step: a few strokes instead of one per link
    const paths = Array.from({ length: 2 * LINK_STEPS }, () => []);
    snapshot.weights.forEach((layer, k) => {
      const from = positions[k];
      const to = positions[k + 1];
      if (!from || !to) return;
      const w = layer.values || (layer.values = decodeFloats(layer.w));
      const cols = layer.cols;
      total += layer.outputs * layer.inputs;
      const chosen = strongestLinks(w, MAX_LINKS_PER_GAP);
      left += layer.outputs * layer.inputs - chosen.length;
      for (const i of chosen) {
        const row = Math.floor(i / cols);
        const col = i % cols;
        const a = from[col];
        const b = to[row];
        if (!a || !b) continue;
        const link = { layer: k, row, col, w: w[i], x0: a.right, y0: a.y, x1: b.left, y1: b.y };
        paths[(link.w < 0 ? 0 : LINK_STEPS) + linkStep(link.w)].push(link);
        drawn.push(link);
      }
    });
    for (let step = 0; step < LINK_STEPS; step++) {
      for (const sign of [0, LINK_STEPS]) {
        const list = paths[sign + step];
        if (!list.length) continue;
        const style = linkStyle(list[0].w);
        g.strokeStyle = style.color;
        g.lineWidth = style.width;
        g.beginPath();
        for (const link of list) {
          g.moveTo(link.x0, link.y0);
          g.lineTo(link.x1, link.y1);
        }
        g.stroke();
      }
    }
    if (hovered) {
      const k = drawn.find(l => l.layer === hovered.layer && l.row === hovered.row && l.col === hovered.col);
      if (k) {
        g.strokeStyle = '#fff';
        g.lineWidth = Math.max(2, linkStyle(k.w).width + 1);
        g.beginPath();
        g.moveTo(k.x0, k.y0);
        g.lineTo(k.x1, k.y1);
        g.stroke();
      }
    }
    hint.textContent = 'links: orange negative, blue positive, wider when stronger; hover to read, click to edit'
      + (left > 0 ? ` \u2014 ${drawn.length.toLocaleString('en')} of ${total.toLocaleString('en')} drawn `
        + `(the ${MAX_LINKS_PER_GAP} strongest between two layers, among the first 64 neurons of each)` : '');
    linksDrawnAt = performance.now();
    graph.dataset.links = drawn.length;
    graph.dataset.drawMillis = (performance.now() - begun).toFixed(1); // reported by the end-to-end tests
  }

  /** A snapshot to show: the input and output pictures, the links, the zoomed picture and the maths. */
  function draw(s) {
    const fresh = !snapshot;
    snapshot = s;
    const side = s.neuronSide;
    (s.inputs || []).forEach((input, i) => {
      const c = inputs.querySelectorAll('canvas')[i];
      if (c) { paintPicture(c, input.picture, side); c.title = input.name; }
    });
    (s.outputs || []).forEach((picture, i) => {
      const c = outputs.querySelectorAll('canvas')[i];
      if (c) paintPicture(c, picture, side);
    });
    if (fresh) positions = null;
    const large = graph.offsetWidth * graph.offsetHeight > LARGE_LINKS_PIXELS;
    if (fresh || !s.running || !large || hovered || performance.now() - linksDrawnAt >= LARGE_LINKS_MS) redrawLinks();
    if (hovered) showTip(hovered);
    if (zoomed) showZoom(zoomed.column, zoomed.unit, zoomed.element);
    if (fresh) writeMaths();
  }

  function pictureOf(column, unit) {
    if (!snapshot) return null;
    if (column === 0) return snapshot.inputs && snapshot.inputs[unit] ? snapshot.inputs[unit].picture : null;
    if (column === columns.length - 1) return snapshot.outputs ? snapshot.outputs[unit] : null;
    const layer = snapshot.neurons[column - 1];
    return layer ? layer[unit] : null;
  }

  function inputNames() {
    return snapshot && snapshot.inputs ? snapshot.inputs.map(i => i.name) : points.features || ['x', 'y'];
  }

  function showZoom(column, unit, element) {
    const picture = pictureOf(column, unit);
    if (!picture) { zoom.hidden = true; return; }
    paintPicture(zoomCanvas, picture, snapshot.neuronSide);
    const name = unitName(column, unit, points.layers, inputNames());
    let caption = name;
    if (column > 0 && snapshot.weights[column - 1]) {
      const layer = snapshot.weights[column - 1];
      const b = layer.biases || (layer.biases = decodeFloats(layer.b));
      if (unit < b.length) caption += ` \u00b7 bias ${fmt(b[unit])}`;
    }
    zoomCaption.textContent = caption;
    const box = graph.getBoundingClientRect();
    const r = element.getBoundingClientRect();
    const x = r.right - box.left + 8;
    zoom.style.left = Math.min(x, graph.offsetWidth - 210) + 'px';
    zoom.style.top = Math.max(0, r.top - box.top - 60) + 'px';
    zoom.hidden = false;
  }

  function tipText(link) {
    const sizes = points.layers;
    const names = inputNames();
    return `W[${link.layer + 1}] row ${link.row + 1}, column ${link.col + 1}: `
      + `${unitName(link.layer, link.col, sizes, names)} \u2192 ${unitName(link.layer + 1, link.row, sizes, names)}`
      + ` = ${fmt(link.w)}`;
  }

  function showTip(link) {
    const now = drawn.find(l => l.layer === link.layer && l.row === link.row && l.col === link.col);
    if (!now) { tip.hidden = true; return; }
    tip.textContent = tipText(now) + (editing ? '' : ' (click to edit)');
    tip.dataset.layer = now.layer;
    tip.dataset.row = now.row;
    tip.dataset.col = now.col;
    tip.dataset.value = now.w;
    tip.style.left = Math.min((now.x0 + now.x1) / 2 + 10, graph.offsetWidth - 260) + 'px';
    tip.style.top = Math.max(0, (now.y0 + now.y1) / 2 - 36) + 'px';
    tip.hidden = false;
  }

  function pointer(event) {
    const box = graph.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  graph.addEventListener('mousemove', event => {
    if (!snapshot || !points) return;
    if (!positions) measure();
    const target = event.target;
    if (target.tagName === 'CANVAS' && target.classList.contains('train-neuron')) {
      const column = columns.findIndex(list => list.includes(target));
      if (column >= 0) {
        const unit = columns[column].indexOf(target);
        zoomed = { column, unit, element: target };
        showZoom(column, unit, target);
        if (hovered) { hovered = null; tip.hidden = true; redrawLinks(); }
        return;
      }
    }
    if (zoom.contains(target) || editor.contains(target)) return;
    zoomed = null;
    zoom.hidden = true;
    if (editing) return;
    const p = pointer(event);
    const link = nearestLink(drawn, p.x, p.y, PICK_DISTANCE);
    const same = link && hovered && link.layer === hovered.layer && link.row === hovered.row && link.col === hovered.col;
    if (same) { showTip(link); return; }
    hovered = link ? { layer: link.layer, row: link.row, col: link.col } : null;
    graph.classList.toggle('on-link', !!link);
    redrawLinks();
    if (link) showTip(link); else tip.hidden = true;
  });

  graph.addEventListener('mouseleave', () => {
    zoomed = null;
    zoom.hidden = true;
    if (editing) return;
    hovered = null;
    tip.hidden = true;
    graph.classList.remove('on-link');
    redrawLinks();
  });

  graph.addEventListener('click', event => {
    if (editor.contains(event.target) || event.target.closest('button, input') || !hovered) return;
    const link = drawn.find(l => l.layer === hovered.layer && l.row === hovered.row && l.col === hovered.col);
    if (!link) return;
    editing = { layer: link.layer, row: link.row, col: link.col };
    editorText.textContent = (`W[${link.layer + 1}] ${unitName(link.layer, link.col, points.layers, inputNames())} \u2192 `
      + `${unitName(link.layer + 1, link.row, points.layers, inputNames())} = `);
    editorInput.value = String(Number(link.w.toFixed(4)));
    const p = pointer(event);
    editor.style.left = Math.min(p.x + 8, graph.offsetWidth - 250) + 'px';
    editor.style.top = (p.y + 8) + 'px';
    editor.hidden = false;
    tip.hidden = true;
    editorInput.focus();
    editorInput.select();
  });

  function closeEditor() {
    editing = null;
    editor.hidden = true;
    editorInput.removeAttribute('aria-invalid');
  }

  editorInput.addEventListener('keydown', event => {
    if (event.key === 'Escape') { closeEditor(); event.preventDefault(); }
  });
  editorInput.addEventListener('blur', () => setTimeout(() => {
    if (document.activeElement !== editorInput) closeEditor();
  }, 0));

  editor.addEventListener('submit', async event => {
    event.preventDefault();
    if (!editing) return;
    const parsed = parseWeight(editorInput.value);
    if (parsed.error) {
      editorInput.setAttribute('aria-invalid', 'true');
      setStatus('weight: ' + parsed.error, true);
      return;
    }
    const target = editing;
    const id = session();
    closeEditor();
    try {
      const response = await fetch(api.url('/api/train/weight', { session: id, layer: target.layer, row: target.row,
        col: target.col, value: parsed.value }), { method: 'POST' });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || response.statusText);
      graph.dataset.edits = Number(graph.dataset.edits || 0) + 1;
      show(answer);
    } catch (err) {
      if (id === session()) setStatus('weight: ' + err.message, true);
    }
  });

  return { setup, draw };
}
