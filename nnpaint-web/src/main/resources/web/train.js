// The train view: pick a data set and a network, then watch it learn. The server trains in the background; this
// page polls its snapshot (epoch, losses, the decision boundary and each hidden neuron's picture) and redraws
// whenever a newer one arrives, at most every MIN_POLL_MS while training and slowly while paused or hidden, so
// that the server knows the page is still there (a page that stops polling loses its session).
//
// Every start makes a new session with a new id; each request names it, and an answer about any other session
// (one sent before the settings changed) is dropped, so the view always shows the session the server runs.
//
// The settings live in the address (?train={...}, the JSON /api/train/start takes): a reload or a copied link
// starts the same session again, and with the same seeds the same weights, data and epochs.

import * as api from './api.js';
import { createTrainNetwork } from './train-network.js';
import { trainLinkFor, trainOfLink } from './link.js';

const MIN_POLL_MS = 50;
const PAUSED_POLL_MS = 300;
const HIDDEN_POLL_MS = 1500;
const NEURONS_SHOWN = 64;
const RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];
const REG_RATES = [0, 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
const INITS = ['auto', 'normal:1', 'normal:0.1', 'normal:0.01', 'normal:0.001'];
// the input features the network may take, as the server names them, and as the input column writes them
const FEATURES = [['x', 'x'], ['y', 'y'], ['x2', 'x\u00b2'], ['y2', 'y\u00b2'], ['xy', 'x\u00b7y'], ['sinx', 'sin x'],
  ['siny', 'sin y']];
// the classic lessons: settings over the defaults, and what each shows
export const PRESETS = {
  article: {
    about: 'the plain-NumPy article\'s experiment: full-batch gradient descent from N(0, 0.1\u00b2) weights and biases;'
      + ' the loss stays flat for a while, then the moons separate (95% test accuracy after about 5000 epochs)',
    settings: { data: 'moons', noise: 0.2, samples: 1000, testRatio: 0.1, hidden: [25, 50, 50, 25],
      features: ['x', 'y'], activation: 'relu', init: 'normal:0.1', optimizer: 'gd', learningRate: 0.01,
      regularization: 'none', regularizationRate: 0, seed: 1, dataSeed: 1 },
  },
  'grey-goo': {
    about: 'grey goo: weights from N(0, 0.001\u00b2) make every neuron nearly 0, so the gradients vanish and the '
      + 'picture stays grey; try initial weights auto',
    settings: { data: 'moons', noise: 0.2, samples: 400, testRatio: 0.5, hidden: [6, 6], features: ['x', 'y'],
      activation: 'tanh', init: 'normal:0.001', optimizer: 'sgd', learningRate: 0.03, batch: 16,
      regularization: 'none', regularizationRate: 0, seed: 1, dataSeed: 1 },
  },
  'too-fast': {
    about: 'a learning rate of 3 overshoots: the loss climbs instead of falling until training diverges; try 0.03',
    settings: { data: 'plane', noise: 0.05, samples: 400, testRatio: 0.5, hidden: [8], features: ['x', 'y'],
      activation: 'relu', init: 'auto', optimizer: 'gd', learningRate: 3, regularization: 'none',
      regularizationRate: 0, seed: 1, dataSeed: 1 },
  },
  xor: {
    about: 'xor with no hidden layer: a linear model draws one straight line, right for little more than half the '
      + 'points; press + layer and play again',
    settings: { data: 'xor', noise: 0.1, samples: 400, testRatio: 0.5, hidden: [], features: ['x', 'y'],
      activation: 'tanh', init: 'auto', optimizer: 'adam', learningRate: 0.03, batch: 16, regularization: 'none',
      regularizationRate: 0, seed: 1, dataSeed: 1 },
  },
  'circles-features': {
    about: 'circles from the features x\u00b2 and y\u00b2 alone: with no hidden layer the output is a weighted sum of '
      + 'them, a circle, which is all this data needs',
    settings: { data: 'circles', noise: 0.1, samples: 400, testRatio: 0.5, hidden: [], features: ['x2', 'y2'],
      activation: 'tanh', init: 'auto', optimizer: 'adam', learningRate: 0.03, batch: 16, regularization: 'none',
      regularizationRate: 0, seed: 1, dataSeed: 1 },
  },
};
// the settings the page was opened with (read before any view rewrites the address)
const LINKED = trainOfLink(location.href);
// the plot's margins around the boundary picture on the axes canvas: left (y labels) and top
const AXES_LEFT = 36;
const AXES_TOP = 4;
// orange for class 0 and negative values, blue for class 1 and positive ones (as in TensorFlow Playground); more
// classes than these get hues of their own (classColor)
const CLASS_COLORS = [[245, 147, 34], [8, 119, 189], [94, 201, 98], [176, 124, 247], [240, 82, 96], [230, 210, 60],
  [80, 210, 220], [240, 140, 200], [160, 160, 160], [150, 100, 60]];
// column names taken as an uploaded file's label, in this order (as the server does when none is named)
const LABEL_NAMES = ['label', 'class', 'target'];
const NEUTRAL = [36, 39, 47];
const CSV = 'csv'; // the data set choice that trains on an uploaded file
const MAX_CSV_BYTES = 1000 * 1000; // the server takes a start request of up to 1 MiB, the file's text inside

const $ = id => document.getElementById(id);

function decode(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** POST with query parameters and no body; the answer's JSON, or a ServerError. */
async function post(path, params) {
  const response = await fetch(api.url(path, params), { method: 'POST' });
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    throw new api.ServerError(response.status, message);
  }
  return response.json();
}

/** HSL (h in turns, s and l in 0..1) as RGB 0..255. */
function hsl(h, s, l) {
  const f = n => {
    const k = (n + h * 12) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/**
 * The colour of class k among n: the palette's while it lasts, else n hues spread evenly around the wheel,
 * starting at the palette's orange, so that every class of a file with many has its own.
 */
export function classColor(k, n) {
  if (n <= CLASS_COLORS.length) return CLASS_COLORS[k];
  return hsl((0.08 + k / n) % 1, 0.75, k % 2 ? 0.42 : 0.6);
}

/** The column taken as the label when the page has not chosen: label, class, target, y unless beside x, last. */
export function defaultLabel(header) {
  const lower = header.map(h => h.trim().toLowerCase());
  for (const name of LABEL_NAMES) {
    const i = lower.indexOf(name);
    if (i >= 0) return header[i];
  }
  const y = lower.indexOf('y');
  return y >= 0 && !lower.includes('x') ? header[y] : header[header.length - 1];
}

function mix(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** The colour of a signed value in [-1, 1]: orange below zero, blue above, dark at zero. */
function signed(v) {
  return v < 0 ? mix(NEUTRAL, CLASS_COLORS[0], -v) : mix(NEUTRAL, CLASS_COLORS[1], v);
}

/** A neuron picture's colour of each byte (128 meaning 0), as RGBA. */
const NEURON_LUT = (() => {
  const t = new Uint8ClampedArray(256 * 4);
  for (let b = 0; b < 256; b++) {
    const color = signed(Math.max(-1, Math.min(1, (b - 128) / 127)));
    t.set([color[0], color[1], color[2], 255], 4 * b);
  }
  return t;
})();

function fmt(v, digits = 4) {
  if (v === null || v === undefined) return '\u2013';
  const n = Number(v);
  // a diverging loss grows past any fixed number of digits
  return Math.abs(n) >= 1e5 ? n.toExponential(2) : n.toFixed(digits);
}

function pct(v) {
  return v === null || v === undefined ? '\u2013' : (100 * v).toFixed(1) + '%';
}

export function createTrainView(setStatus) {
  const section = $('view-train');
  const boundary = $('train-boundary');
  const curves = $('train-curves');
  const layersBox = $('train-layers');
  let options = null;
  let config = null;
  let points = null; // the start answer: extent, points, mode
  let snapshot = null;
  let drawnVersion = -1;
  let session = null; // the id of the session shown; answers about any other are dropped
  let starts = 0; // starts asked for; only the newest one's answer is taken
  let starting = null;
  let timer = 0;
  let inFlight = false;
  const redraws = []; // times of the last second's redraws
  let neuronCanvases = []; // [layer][neuron] canvases of the network editor
  // the network drawn as a network around the editor: inputs, outputs, links, the maths
  const network = createTrainNetwork({ layersBox, session: () => session, show: s => show(s), setStatus });

  const cells = document.createElement('canvas');
  let boundaryLut = null; // boundaryColors' table and the session it is for
  let csvText = null; // the uploaded file's text, sent with every start of a CSV session
  let csvInfo = ''; // what the info line says about that file

  /** The header's column names: the first non-blank line, split on commas outside double quotes. */
  function csvHeader(text) {
    const line = text.replace(/^\uFEFF/, '').split(/\r?\n/).find(l => l.trim() !== '') || '';
    const names = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) { names.push(cell.trim()); cell = ''; }
      else cell += ch;
    }
    names.push(cell.trim());
    return names.filter(n => n !== '');
  }

  /**
   * A chosen file: its header fills the label select (see defaultLabel), then training starts over on it. The
   * file replaces the previous one only once the server took it: a refused file leaves the view as it was.
   */
  async function readCsvFile() {
    const file = $('train-csv').files[0];
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setStatus(`train: ${file.name} has ${file.size} bytes; the train view takes CSV files up to 1 MB`, true);
      return;
    }
    const text = await file.text();
    const header = csvHeader(text);
    if (header.length !== 3) {
      setStatus(`train: ${file.name} has ${header.length} columns (${header.join(', ')}); the boundary picture `
        + 'needs the label and exactly two numeric feature columns', true);
      return;
    }
    const before = { csvText, csvInfo, labels: Array.from($('train-label').options, o => o.value),
      label: $('train-label').value };
    csvText = text;
    csvInfo = `${file.name}: columns ${header.join(', ')}`;
    fillSelect($('train-label'), header);
    $('train-label').value = defaultLabel(header);
    if (!await restart()) {
      csvText = before.csvText;
      csvInfo = before.csvInfo;
      fillSelect($('train-label'), before.labels);
      $('train-label').value = before.label;
      $('train-csv').value = '';
    }
    showCsvInfo();
  }

  function showCsvInfo() {
    $('train-csv-info').textContent = csvInfo || CSV_HINT;
  }

  function fillSelect(select, values, label = v => String(v)) {
    select.replaceChildren(...values.map(v => {
      const o = document.createElement('option');
      o.value = String(v);
      o.textContent = label(v);
      return o;
    }));
  }

  function readControls() {
    const csv = $('train-data').value === CSV;
    config = {
      data: $('train-data').value,
      noise: Number($('train-noise').value),
      samples: Number($('train-samples').value),
      classes: $('train-data').value === 'spiral' ? Number($('train-classes').value) : 2,
      testRatio: Number($('train-test').value),
      hidden: config.hidden.slice(),
      features: FEATURES.map(f => f[0]).filter(f => $('train-feature-' + f).checked),
      activation: $('train-activation').value,
      init: $('train-init').value,
      optimizer: $('train-optimizer').value,
      learningRate: Number($('train-rate').value),
      batch: Number($('train-batch').value),
      regularization: $('train-reg').value,
      regularizationRate: Number($('train-reg-rate').value),
      seed: Number($('train-seed').value) || 0,
      dataSeed: Number($('train-data-seed').value) || 0,
    };
    if (csv) {
      const { noise, samples, classes, ...rest } = config;
      config = Object.assign(rest, { label: $('train-label').value });
    }
  }

  function fillControls() {
    $('train-data').value = config.data;
    if (config.data === CSV) {
      $('train-label').value = config.label;
    } else {
      $('train-noise').value = config.noise;
      $('train-samples').value = config.samples;
      $('train-classes').value = config.classes;
    }
    $('train-test').value = config.testRatio;
    $('train-activation').value = config.activation;
    choose($('train-init'), config.init);
    $('train-optimizer').value = config.optimizer;
    choose($('train-rate'), config.learningRate);
    $('train-batch').value = config.batch;
    $('train-reg').value = config.regularization;
    choose($('train-reg-rate'), config.regularizationRate);
    $('train-seed').value = config.seed;
    $('train-data-seed').value = config.dataSeed;
    for (const [f] of FEATURES) $('train-feature-' + f).checked = config.features.includes(f);
    showOutputs();
  }

  /** Selects a value, adding it as an option first when the list lacks it (a link's or a preset's own). */
  function choose(select, value) {
    const v = String(value);
    if (!Array.from(select.options).some(o => o.value === v)) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = v;
      select.append(o);
    }
    select.value = v;
  }

  function showOutputs() {
    $('train-noise-out').textContent = Number($('train-noise').value).toFixed(2);
    $('train-samples-out').textContent = $('train-samples').value;
    $('train-classes-out').textContent = $('train-classes').value;
    $('train-test-out').textContent = Math.round(100 * Number($('train-test').value)) + '%';
    $('train-batch-out').textContent = $('train-batch').value;
    // gradient descent takes the whole training set at each update: the batch size does not apply
    const fullBatch = $('train-optimizer').value === 'gd';
    $('train-batch').disabled = fullBatch;
    batchHint.hidden = !fullBatch;
    $('train-batch').closest('label').classList.toggle('disabled', fullBatch);
    $('train-classes-label').hidden = $('train-data').value !== 'spiral';
    const csv = $('train-data').value === CSV;
    $('train-csv-box').hidden = !csv;
    $('train-noise').closest('label').hidden = csv;
    $('train-samples').closest('label').hidden = csv;
    $('train-data-seed').closest('label').hidden = csv;
    $('train-new-data').hidden = csv;
    $('train-reg-rate').disabled = $('train-reg').value === 'none';
  }

  /** The input column's toggles, one per feature; the network takes the ones checked. */
  function buildInputs() {
    for (const [f, label] of FEATURES) {
      const row = document.createElement('label');
      row.className = 'train-feature';
      row.dataset.feature = f;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = 'train-feature-' + f;
      box.title = 'the input ' + label;
      box.addEventListener('change', () => {
        if (!FEATURES.some(([g]) => $('train-feature-' + g).checked)) {
          box.checked = true; // a network needs an input
          setStatus('train: the network needs at least one input feature', true);
          return;
        }
        restart();
      });
      row.append(box, ' ' + label);
      $('train-features').append(row);
    }
  }

  const CSV_HINT = $('train-csv-info').textContent;
  const CURVE_HINT = $('train-curve-read').textContent;
  let hoverX = null; // where the pointer is over the loss curves, in canvas pixels, or null
  let preset = null; // the lesson the session was started from, until a setting changes
  const batchHint = document.createElement('p');
  batchHint.id = 'train-batch-hint';
  batchHint.className = 'hint';
  batchHint.textContent = 'gd trains on the whole training set at each update; the batch size applies to the other '
    + 'optimisers';
  batchHint.hidden = true;
  $('train-batch').closest('label').after(batchHint);

  async function init() {
    options = await api.getJson('/api/train/options');
    fillSelect($('train-data'), options.data.map(d => d.id).concat([CSV]), v => v === CSV ? 'CSV file\u2026' : v);
    fillSelect($('train-activation'), options.activations);
    fillSelect($('train-optimizer'), options.optimizers);
    fillSelect($('train-rate'), RATES);
    fillSelect($('train-reg-rate'), REG_RATES);
    fillSelect($('train-init'), INITS, v => v === 'auto' ? 'auto (he or xavier)' : v);
    buildInputs();
    config = options.defaults;
    fillControls();
    for (const id of ['train-noise', 'train-samples', 'train-classes', 'train-test', 'train-batch']) {
      $(id).addEventListener('input', showOutputs);
      $(id).addEventListener('change', restart);
    }
    for (const id of ['train-activation', 'train-init', 'train-optimizer', 'train-rate', 'train-reg', 'train-reg-rate',
      'train-seed', 'train-data-seed']) {
      $(id).addEventListener('change', restart);
    }
    $('train-reg').addEventListener('change', () => {
      // choosing a penalty with no rate would change nothing: it starts at a small one
      if ($('train-reg').value !== 'none' && Number($('train-reg-rate').value) === 0) $('train-reg-rate').value = '0.001';
      showOutputs();
    });
    $('train-preset').addEventListener('change', () => {
      const preset = PRESETS[$('train-preset').value];
      if (!preset) return;
      config = Object.assign({}, options.defaults, preset.settings);
      fillControls();
      start(preset);
    });
    // new weights over the same data, or new data under the same weights: a seed other than the one shown
    const reseed = field => {
      let seed;
      do seed = Math.floor(Math.random() * 1e6); while (seed === Number($(field).value));
      $(field).value = seed;
      restart();
    };
    $('train-reinit').addEventListener('click', () => reseed('train-seed'));
    $('train-new-data').addEventListener('click', () => reseed('train-data-seed'));
    $('train-copy-link').addEventListener('click', async () => {
      const link = trainLinkFor(location.href, linkSettings());
      try {
        await navigator.clipboard.writeText(link);
        setStatus('train: the link is on the clipboard');
      } catch (err) {
        window.prompt('copy this link', link); // no clipboard (an http page elsewhere than localhost)
      }
      section.dataset.link = link;
    });
    $('train-show-test').checked = true;
    $('train-show-test').addEventListener('change', () => { if (snapshot) drawBoundary(snapshot); });
    $('train-discretize').addEventListener('change', () => { if (snapshot) drawBoundary(snapshot); });
    curves.addEventListener('mousemove', e => {
      const r = curves.getBoundingClientRect();
      hoverX = (e.clientX - r.left) * curves.width / r.width;
      if (snapshot) drawCurves(snapshot);
    });
    curves.addEventListener('mouseleave', () => {
      hoverX = null;
      $('train-curve-read').textContent = CURVE_HINT;
      if (snapshot) drawCurves(snapshot);
    });
    $('train-optimizer').addEventListener('change', showOutputs);
    $('train-data').addEventListener('change', () => {
      if ($('train-data').value === CSV) {
        showOutputs();
        if (csvText) restart(); else setStatus('train: choose a CSV file');
        return;
      }
      // a new set starts from its own usual noise
      const set = options.data.find(d => d.id === $('train-data').value);
      $('train-noise').value = set.noise;
      showOutputs();
      restart();
    });
    $('train-csv').addEventListener('change', () => readCsvFile().catch(err => setStatus('train: ' + err.message, true)));
    $('train-label').addEventListener('change', restart);
    $('train-play').addEventListener('click', () => control(snapshot && snapshot.playing ? 'pause' : 'play'));
    $('train-step').addEventListener('click', () => control('step'));
    $('train-reset').addEventListener('click', () => control('reset'));
    $('train-export').addEventListener('click', () => {
      const a = document.createElement('a');
      a.href = api.url('/api/train/model', { session });
      a.download = '';
      document.body.append(a);
      a.click();
      a.remove();
    });
    $('train-paint').addEventListener('click',
      () => window.open(api.url('/api/train/paint', { session, w: 1024 }), '_blank'));
    // Open in paint: the exported model goes to this page's model slot on the server, and the paint view paints
    // it over the data's square with its own pan, zoom, colours and download.
    const openInPaint = document.createElement('button');
    openInPaint.id = 'train-open-paint';
    openInPaint.type = 'button';
    openInPaint.textContent = 'Open in paint';
    openInPaint.title = 'the trained network in the paint view: pan, zoom, colours, full-size download';
    $('train-paint').after(' ', openInPaint);
    openInPaint.addEventListener('click', async () => {
      try {
        const exported = await fetch(api.url('/api/train/model', { session }));
        if (!exported.ok) throw new Error((await exported.json()).error || exported.statusText);
        const posted = await fetch(api.url('/api/model', {}), {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: await exported.text(),
        });
        const opened = await posted.json();
        if (!posted.ok) throw new Error(opened.error || posted.statusText);
        const [x0, x1, y0, y1] = points.extent;
        window.dispatchEvent(new CustomEvent('nnpaint:open-model', { detail: {
          outputs: opened.outputs, color: opened.color, center: [(x0 + x1) / 2, (y0 + y1) / 2],
          extent: Math.max(x1 - x0, y1 - y0) / 2 } }));
        location.hash = 'paint';
      } catch (err) {
        setStatus('open in paint: ' + err.message, true);
      }
    });
    $('train-add-layer').addEventListener('click', () => {
      if (config.hidden.length >= options.maxHiddenLayers) return;
      config.hidden.push(config.hidden.length ? config.hidden[config.hidden.length - 1] : 4);
      restart();
    });
    $('train-remove-layer').addEventListener('click', () => {
      if (!config.hidden.length) return;
      config.hidden.pop();
      restart();
    });
    // the session ends with the page, not minutes later
    window.addEventListener('pagehide', () => navigator.sendBeacon(api.url('/api/train/close', {})));
  }

  /** Starts a session on the controls' settings; whether the server took them. */
  async function restart() {
    if ($('train-data').value === CSV && !csvText) { setStatus('train: choose a CSV file'); return false; }
    readControls();
    return start(null);
  }

  /** The settings a link carries: the session's, less an uploaded file's (the file stays on this computer). */
  function linkSettings() {
    if (config.data !== CSV) return config;
    const { data, label, ...rest } = config;
    return rest;
  }

  /** Keeps the address on the session's settings while the train view shows (a reload starts it again). */
  function writeAddress() {
    if (section.hidden || !config) return;
    const address = trainLinkFor(location.href, linkSettings());
    if (address !== location.href) window.history.replaceState(null, '', address);
  }

  /**
   * A new session on `config`, replacing the shown one: from now on answers about the old session are dropped,
   * and of several starts in flight only the newest one's answer is taken. Whether the server took the settings.
   */
  async function start(lesson = null) {
    const mine = ++starts;
    const run = (async () => {
      try {
        const body = config.data === CSV ? Object.assign({}, config, { csv: csvText }) : config;
        const answer = await api.postJson('/api/train/start', body);
        if (mine !== starts) return true; // a newer start replaced this one on the server
        session = answer.session;
        points = answer;
        config = answer.config;
        section.dataset.data = config.data; // which set the session trains on (for the end-to-end tests)
        section.dataset.session = session;
        section.dataset.config = JSON.stringify(config);
        section.dataset.mode = answer.mode;
        // a checksum of the samples, weighted by position: the same data gives the same number
        section.dataset.points = String(answer.train.concat(answer.test).reduce((a, v, i) => a + v * (1 + i % 7), 0));
        section.dataset.error = '';
        preset = lesson;
        $('train-preset').value = lesson ? Object.keys(PRESETS).find(k => PRESETS[k] === lesson) : '';
        $('train-preset-about').textContent = lesson ? lesson.about : '';
        section.dataset.preset = $('train-preset').value;
        fillControls();
        writeAddress();
        drawAxes();
        drawLegend();
        buildEditor();
        network.setup(answer);
        drawnVersion = -1;
        show(answer.snapshot);
        setStatus('');
        return true;
      } catch (err) {
        if (mine !== starts) return true;
        setStatus('train: ' + err.message, true);
        // the refused settings are not the session's: the controls go back to what it trains on
        if (points) { config = points.config; fillControls(); }
        $('train-preset').value = preset ? Object.keys(PRESETS).find(k => PRESETS[k] === preset) : '';
        return false;
      }
    })();
    starting = run;
    const ok = await run;
    if (starting === run) starting = null;
    schedule(0);
    return ok;
  }

  async function control(action) {
    const id = session;
    if (!id) return;
    try {
      const s = await post('/api/train/control', { session: id, action }).catch(async err => {
        if (err.status === 404 && id === session) { await start(); return null; }
        if (err.status === 409) return null; // about a session replaced meanwhile
        throw err;
      });
      if (s && id === session && s.session !== id) {
        // reset: the same settings in a new session
        session = s.session;
        section.dataset.session = session;
        drawnVersion = -1;
      }
      if (s) show(s);
      schedule(0);
    } catch (err) {
      if (id === session) setStatus('train: ' + err.message, true);
    }
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  async function poll() {
    if (!session || inFlight || starting) { schedule(PAUSED_POLL_MS); return; }
    inFlight = true;
    const id = session;
    const begun = performance.now();
    try {
      show(await api.getJson('/api/train/snapshot', { session: id, have: drawnVersion }));
    } catch (err) {
      if (err.status === 404 && id === session) {
        inFlight = false;
        await start(); // the server forgot the session (the page slept): begin again
        return;
      }
      if (err.status !== 429 && err.status !== 409 && id === session) setStatus('train: ' + err.message, true);
    } finally {
      inFlight = false;
    }
    const visible = !section.hidden;
    const running = snapshot && snapshot.running;
    const wait = !visible ? HIDDEN_POLL_MS : running ? Math.max(0, MIN_POLL_MS - (performance.now() - begun))
      : PAUSED_POLL_MS;
    schedule(wait);
  }

  function show(s) {
    if (s.session !== session) return; // about a session this page has replaced
    if (s.version < drawnVersion) return; // an older answer overtaken by a newer one
    if (s.version > drawnVersion && s.unchanged) return; // cannot happen: the page asks with what it has
    snapshot = s.unchanged ? Object.assign({}, snapshot, s, { unchanged: false }) : s;
    $('train-play').textContent = s.playing ? 'Pause' : 'Play';
    $('train-play').disabled = !!s.finished;
    if (s.error) setStatus(s.error, true);
    section.dataset.error = s.error || '';
    section.dataset.finished = s.finished ? 'true' : 'false';
    section.dataset.running = s.running ? 'true' : 'false';
    if (s.version === drawnVersion) return;
    drawnVersion = s.version;
    $('train-epoch').textContent = s.epoch;
    $('train-loss').textContent = fmt(s.trainLoss);
    $('train-test-loss').textContent = fmt(s.testLoss);
    $('train-acc').textContent = points && points.mode === 'value' ? '\u2013' : pct(s.trainAccuracy);
    $('train-test-acc').textContent = points && points.mode === 'value' ? '\u2013' : pct(s.testAccuracy);
    section.dataset.epoch = s.epoch;
    section.dataset.testAccuracy = s.testAccuracy === null ? '' : s.testAccuracy;
    section.dataset.trainLoss = s.trainLoss === null ? '' : s.trainLoss;
    // the curves as sent (every epoch up to the server's CURVE_POINTS), so that two runs can be compared exactly
    section.dataset.losses = JSON.stringify(s.curves.train);
    section.dataset.testLosses = JSON.stringify(s.curves.test);
    section.dataset.stride = s.curves.stride;
    drawBoundary(s);
    drawNeurons(s);
    network.draw(s);
    drawCurves(s);
    const now = performance.now();
    redraws.push(now);
    while (redraws.length && redraws[0] < now - 1000) redraws.shift();
    $('train-fps').textContent = s.running ? redraws.length + ' redraws/s' : '';
    section.dataset.redraws = redraws.length;
    section.dataset.redrawCount = Number(section.dataset.redrawCount || 0) + 1;
  }

  /**
   * The boundary's colour of each (class, confidence byte) pair, made once per session: the redraw then only
   * copies, which keeps it quick at 20 redraws a second.
   */
  function boundaryColors() {
    if (boundaryLut && boundaryLut.points === points) return boundaryLut.table;
    const classes = points.mode === 'value' ? 1 : Math.max(2, points.classes, points.layers[points.layers.length - 1]);
    const table = new Uint8ClampedArray(classes * 256 * 4);
    for (let k = 0; k < classes; k++) {
      for (let b = 0; b < 256; b++) {
        const color = points.mode === 'value' ? signed(b / 127.5 - 1)
          : mix(NEUTRAL, classColor(k, classes), 0.25 + 0.6 * b / 255);
        table.set([color[0], color[1], color[2], 255], 4 * (k * 256 + b));
      }
    }
    boundaryLut = { points, table, classes };
    return table;
  }

  function drawBoundary(s) {
    const side = s.boundarySide;
    const bytes = decode(s.boundary);
    const table = boundaryColors();
    const classes = boundaryLut.classes;
    cells.width = side;
    cells.height = side;
    const cx = cells.getContext('2d');
    const image = cx.createImageData(side, side);
    const data = image.data;
    // discretized: every cell in its class's full colour, or a regression's value on one side of the middle
    const discrete = $('train-discretize').checked;
    for (let c = 0; c < side * side; c++) {
      const k = points.mode === 'value' ? 0 : bytes[2 * c] % classes;
      const b = !discrete ? bytes[2 * c + 1] : points.mode === 'value' ? (bytes[2 * c + 1] >= 128 ? 255 : 0) : 255;
      const at = 4 * (k * 256 + b);
      data[4 * c] = table[at];
      data[4 * c + 1] = table[at + 1];
      data[4 * c + 2] = table[at + 2];
      data[4 * c + 3] = 255;
    }
    cx.putImageData(image, 0, 0);
    const g = boundary.getContext('2d');
    g.imageSmoothingEnabled = true;
    g.drawImage(cells, 0, 0, boundary.width, boundary.height);
    const [x0, x1, y0, y1] = points.extent;
    const px = x => (x - x0) / (x1 - x0) * boundary.width;
    const py = y => (y1 - y) / (y1 - y0) * boundary.height;
    const pointColor = label => {
      if (points.mode === 'value') {
        const t = (label - points.targetLow) / Math.max(1e-6, points.targetHigh - points.targetLow);
        return signed(2 * t - 1);
      }
      return classColor(label % boundaryLut.classes, boundaryLut.classes);
    };
    const dots = (list, test) => {
      for (let i = 0; i < list.length; i += 3) {
        const c = pointColor(list[i + 2]);
        g.beginPath();
        g.arc(px(list[i]), py(list[i + 1]), 3.2, 0, 2 * Math.PI);
        g.fillStyle = `rgb(${c[0]},${c[1]},${c[2]})`;
        g.fill();
        g.lineWidth = test ? 1.6 : 0.8;
        g.strokeStyle = test ? '#000' : '#fff';
        g.stroke();
      }
    };
    dots(points.train, false);
    if ($('train-show-test').checked) dots(points.test, true);
  }

  /** Ticks at 1, 2 or 5 times a power of ten, about {@code count} of them over [lo, hi]. */
  function ticks(lo, hi, count) {
    const raw = (hi - lo) / count;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * power).find(v => v >= raw);
    const list = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) list.push(Math.abs(v) < 1e-9 * step ? 0 : v);
    return { list, digits: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) };
  }

  /** The boundary's axes: ticks and labels in the data's coordinates, x below and y to the left. */
  function drawAxes() {
    const canvas = $('train-axes');
    const g = canvas.getContext('2d');
    g.clearRect(0, 0, canvas.width, canvas.height);
    if (!points) return;
    const [x0, x1, y0, y1] = points.extent;
    const w = boundary.width;
    const h = boundary.height;
    g.strokeStyle = '#9aa0ab';
    g.fillStyle = '#9aa0ab';
    g.font = '11px system-ui, sans-serif';
    g.lineWidth = 1;
    g.strokeRect(AXES_LEFT - 0.5, AXES_TOP - 0.5, w + 1, h + 1);
    const names = points.features || ['x', 'y'];
    const xs = ticks(x0, x1, 6);
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (const v of xs.list) {
      const px = Math.round(AXES_LEFT + (v - x0) / (x1 - x0) * w) + 0.5;
      g.beginPath();
      g.moveTo(px, AXES_TOP + h);
      g.lineTo(px, AXES_TOP + h + 5);
      g.stroke();
      g.fillText(v.toFixed(xs.digits), px, AXES_TOP + h + 7);
    }
    g.textAlign = 'right';
    g.fillText(names[0], AXES_LEFT + w, AXES_TOP + h + 7 + 12);
    const ys = ticks(y0, y1, 6);
    g.textBaseline = 'middle';
    for (const v of ys.list) {
      const py = Math.round(AXES_TOP + (y1 - v) / (y1 - y0) * h) + 0.5;
      g.beginPath();
      g.moveTo(AXES_LEFT - 5, py);
      g.lineTo(AXES_LEFT, py);
      g.stroke();
      g.fillText(v.toFixed(ys.digits), AXES_LEFT - 7, py);
    }
    g.textAlign = 'left';
    g.textBaseline = 'top';
    g.fillText(names[1], 2, AXES_TOP);
    section.dataset.xTicks = xs.list.map(v => v.toFixed(xs.digits)).join(' ');
    section.dataset.yTicks = ys.list.map(v => v.toFixed(ys.digits)).join(' ');
  }

  /** A regression's colour legend: the surface's colours from the smallest target to the largest. */
  function drawLegend() {
    const box = $('train-legend-box');
    box.hidden = !points || points.mode !== 'value';
    section.dataset.legend = box.hidden ? '' : 'shown';
    if (box.hidden) return;
    const canvas = $('train-legend');
    const g = canvas.getContext('2d');
    const image = g.createImageData(canvas.width, canvas.height);
    for (let i = 0; i < canvas.width; i++) {
      const c = signed(2 * i / (canvas.width - 1) - 1);
      for (let j = 0; j < canvas.height; j++) image.data.set([c[0], c[1], c[2], 255], 4 * (j * canvas.width + i));
    }
    g.putImageData(image, 0, 0);
    const lo = points.targetLow;
    const hi = points.targetHigh;
    const digits = hi - lo >= 10 ? 1 : hi - lo >= 1 ? 2 : 3;
    $('train-legend-low').textContent = lo.toFixed(digits);
    $('train-legend-mid').textContent = ((lo + hi) / 2).toFixed(digits) + ' predicted value';
    $('train-legend-high').textContent = hi.toFixed(digits);
  }

  /** The network editor: one column per hidden layer with +/- buttons and a picture per neuron. */
  function buildEditor() {
    layersBox.replaceChildren();
    neuronCanvases = [];
    const sizes = points.layers;
    const inputs = config.features.map(f => FEATURES.find(([g]) => g === f)[1]).join(', ');
    $('train-shape').textContent = sizes.join('-') + ' (inputs ' + inputs + ')';
    config.hidden.forEach((n, k) => {
      const column = document.createElement('div');
      column.className = 'train-layer';
      const head = document.createElement('div');
      head.className = 'train-layer-head';
      const minus = document.createElement('button');
      minus.type = 'button';
      minus.textContent = '\u2212';
      minus.title = 'one neuron fewer';
      minus.disabled = n <= 1;
      minus.addEventListener('click', () => { config.hidden[k] = Math.max(1, n - 1); restart(); });
      const plus = document.createElement('button');
      plus.type = 'button';
      plus.textContent = '+';
      plus.title = 'one neuron more';
      plus.disabled = n >= options.maxNeurons;
      plus.addEventListener('click', () => { config.hidden[k] = n + 1; restart(); });
      const count = document.createElement('input');
      count.type = 'number';
      count.min = 1;
      count.max = options.maxNeurons;
      count.value = n;
      count.title = 'neurons in layer ' + (k + 1);
      count.className = 'train-count';
      count.addEventListener('change', () => {
        const v = Math.round(Number(count.value));
        if (v >= 1 && v <= options.maxNeurons) { config.hidden[k] = v; restart(); } else { count.value = n; }
      });
      head.append(minus, count, plus);
      column.append(head);
      const list = [];
      for (let i = 0; i < Math.min(n, NEURONS_SHOWN); i++) {
        const c = document.createElement('canvas');
        c.className = 'train-neuron';
        c.title = `layer ${k + 1}, neuron ${i + 1}`;
        column.append(c);
        list.push(c);
      }
      if (n > NEURONS_SHOWN) {
        const more = document.createElement('span');
        more.className = 'hint';
        more.textContent = `+${n - NEURONS_SHOWN} more`;
        column.append(more);
      }
      neuronCanvases.push(list);
      layersBox.append(column);
    });
    if (!config.hidden.length) {
      const none = document.createElement('p');
      none.className = 'hint';
      none.textContent = 'no hidden layer: a linear model';
      layersBox.append(none);
    }
  }

  function drawNeurons(s) {
    const side = s.neuronSide;
    s.neurons.forEach((layer, k) => {
      layer.forEach((data, i) => {
        const c = neuronCanvases[k] && neuronCanvases[k][i];
        if (!c) return;
        if (c.width !== side) { c.width = side; c.height = side; }
        const bytes = decode(data);
        const g = c.getContext('2d');
        const image = g.createImageData(side, side);
        const out = image.data;
        for (let p = 0; p < bytes.length; p++) {
          const at = 4 * bytes[p];
          out[4 * p] = NEURON_LUT[at];
          out[4 * p + 1] = NEURON_LUT[at + 1];
          out[4 * p + 2] = NEURON_LUT[at + 2];
          out[4 * p + 3] = 255;
        }
        g.putImageData(image, 0, 0);
      });
    });
  }

  function drawCurves(s) {
    const g = curves.getContext('2d');
    const w = curves.width;
    const h = curves.height;
    g.fillStyle = '#1f2229';
    g.fillRect(0, 0, w, h);
    const train = s.curves.train;
    const test = s.curves.test;
    const finite = train.concat(test).filter(v => v !== null && Number.isFinite(v));
    if (train.length < 2 || !finite.length) return;
    const top = Math.max(...finite) * 1.05 || 1;
    // a loss that grows a thousandfold (a diverging run) is drawn on a log scale, where the climb shows
    const low = Math.min(...finite.filter(v => v > 0));
    const log = Number.isFinite(low) && top / low > 1000;
    const scale = v => log ? (Math.log10(v) - Math.log10(low)) / (Math.log10(top) - Math.log10(low)) : v / top;
    g.strokeStyle = '#343843';
    g.lineWidth = 1;
    for (let q = 1; q < 4; q++) {
      g.beginPath();
      g.moveTo(0, h * q / 4);
      g.lineTo(w, h * q / 4);
      g.stroke();
    }
    const line = (values, color) => {
      g.beginPath();
      let drawing = false; // a loss too large to send (null) leaves a gap
      values.forEach((v, i) => {
        if (v === null) { drawing = false; return; }
        const x = i / (values.length - 1) * (w - 2) + 1;
        const y = h - 2 - Math.max(0, scale(v)) * (h - 4);
        if (drawing) g.lineTo(x, y); else g.moveTo(x, y);
        drawing = true;
      });
      g.strokeStyle = color;
      g.lineWidth = 1.6;
      g.stroke();
    };
    line(train, '#e6e6e6');
    if (test.some(v => v !== null)) line(test, '#5ec962');
    g.fillStyle = '#9aa0ab';
    g.font = '11px system-ui, sans-serif';
    g.fillText(top.toPrecision(3) + (log ? ' (log scale, down to ' + low.toPrecision(3) + ')' : ''), 4, 12);
    section.dataset.curveScale = log ? 'log' : 'linear';
    g.textAlign = 'right';
    g.fillText('epoch ' + s.epoch, w - 4, 12);
    g.textAlign = 'left';
    if (hoverX === null) return;
    // the point under the pointer: its epoch (the curve holds every stride-th, the last one the newest) and losses
    const i = Math.max(0, Math.min(train.length - 1, Math.round((hoverX - 1) / (w - 2) * (train.length - 1))));
    const epoch = i === train.length - 1 ? s.epoch : i * s.curves.stride;
    const x = i / (train.length - 1) * (w - 2) + 1;
    g.strokeStyle = '#9aa0ab';
    g.setLineDash([3, 3]);
    g.beginPath();
    g.moveTo(x, 0);
    g.lineTo(x, h);
    g.stroke();
    g.setLineDash([]);
    const text = `epoch ${epoch}: train loss ${fmt(train[i])}` + (test[i] === null ? '' : `, test loss ${fmt(test[i])}`);
    $('train-curve-read').textContent = text;
    section.dataset.curveRead = text;
  }

  const ready = init().catch(err => setStatus('train: ' + err.message, true));

  return {
    async show() {
      await ready;
      if (!session && !starting) {
        if (LINKED) {
          // the link's settings as written (the server fills in what it leaves out and says what it refuses)
          config = LINKED;
          if (!await start()) {
            const refused = $('status').textContent;
            config = options.defaults;
            fillControls();
            await start();
            setStatus(refused.replace(/^train: /, 'train: the link\'s settings: '), true);
          }
        } else {
          await start();
        }
      }
      writeAddress();
      schedule(0);
    },
    /** For the console and the end-to-end tests. */
    state() {
      return {
        session,
        epoch: snapshot ? snapshot.epoch : -1,
        running: !!(snapshot && snapshot.running),
        playing: !!(snapshot && snapshot.playing),
        extent: points ? points.extent : null,
        testAccuracy: snapshot ? snapshot.testAccuracy : null,
        redraws: redraws.length,
      };
    },
  };
}
