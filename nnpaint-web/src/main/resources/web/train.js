// The train view: pick a data set and a network, then watch it learn. The server trains in the background; this
// page polls its snapshot (epoch, losses, the decision boundary and each hidden neuron's picture) and redraws
// whenever a newer one arrives, at most every MIN_POLL_MS while training and slowly while paused or hidden, so
// that the server knows the page is still there (a page that stops polling loses its session).
//
// Every start makes a new session with a new id; each request names it, and an answer about any other session
// (one sent before the settings changed) is dropped, so the view always shows the session the server runs.

import * as api from './api.js';
import { createTrainNetwork } from './train-network.js';

const MIN_POLL_MS = 50;
const PAUSED_POLL_MS = 300;
const HIDDEN_POLL_MS = 1500;
const NEURONS_SHOWN = 64;
const RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];
const L2S = [0, 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1];
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
  return v === null || v === undefined ? '\u2013' : Number(v).toFixed(digits);
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
      activation: $('train-activation').value,
      optimizer: $('train-optimizer').value,
      learningRate: Number($('train-rate').value),
      batch: Number($('train-batch').value),
      l2: Number($('train-l2').value),
      seed: Number($('train-seed').value) || 0,
    };
    if (csv) {
      config = { data: CSV, label: $('train-label').value, testRatio: config.testRatio, hidden: config.hidden,
        activation: config.activation, optimizer: config.optimizer, learningRate: config.learningRate,
        batch: config.batch, l2: config.l2, seed: config.seed };
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
    $('train-optimizer').value = config.optimizer;
    $('train-rate').value = String(config.learningRate);
    $('train-batch').value = config.batch;
    $('train-l2').value = String(config.l2);
    $('train-seed').value = config.seed;
    showOutputs();
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
  }

  const CSV_HINT = $('train-csv-info').textContent;
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
    fillSelect($('train-l2'), L2S);
    config = options.defaults;
    fillControls();
    for (const id of ['train-noise', 'train-samples', 'train-classes', 'train-test', 'train-batch']) {
      $(id).addEventListener('input', showOutputs);
      $(id).addEventListener('change', restart);
    }
    for (const id of ['train-activation', 'train-optimizer', 'train-rate', 'train-l2', 'train-seed']) {
      $(id).addEventListener('change', restart);
    }
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
    return start();
  }

  /**
   * A new session on `config`, replacing the shown one: from now on answers about the old session are dropped,
   * and of several starts in flight only the newest one's answer is taken. Whether the server took the settings.
   */
  async function start() {
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
        fillControls();
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
    if (s.version === drawnVersion) return;
    drawnVersion = s.version;
    $('train-epoch').textContent = s.epoch;
    $('train-loss').textContent = fmt(s.trainLoss);
    $('train-test-loss').textContent = fmt(s.testLoss);
    $('train-acc').textContent = points && points.mode === 'value' ? '\u2013' : pct(s.trainAccuracy);
    $('train-test-acc').textContent = points && points.mode === 'value' ? '\u2013' : pct(s.testAccuracy);
    section.dataset.epoch = s.epoch;
    section.dataset.testAccuracy = s.testAccuracy === null ? '' : s.testAccuracy;
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
    for (let c = 0; c < side * side; c++) {
      const k = points.mode === 'value' ? 0 : bytes[2 * c] % classes;
      const at = 4 * (k * 256 + bytes[2 * c + 1]);
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
    dots(points.test, true);
  }

  /** The network editor: one column per hidden layer with +/- buttons and a picture per neuron. */
  function buildEditor() {
    layersBox.replaceChildren();
    neuronCanvases = [];
    const sizes = points.layers;
    $('train-shape').textContent = sizes.join('-') + ' (inputs x, y)';
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
      values.forEach((v, i) => {
        const x = i / (values.length - 1) * (w - 2) + 1;
        const y = h - 2 - (v === null ? 0 : v / top) * (h - 4);
        if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.strokeStyle = color;
      g.lineWidth = 1.6;
      g.stroke();
    };
    line(train, '#e6e6e6');
    if (test.some(v => v !== null)) line(test, '#5ec962');
    g.fillStyle = '#9aa0ab';
    g.font = '11px system-ui, sans-serif';
    g.fillText(top.toPrecision(3), 4, 12);
    g.textAlign = 'right';
    g.fillText('epoch ' + s.epoch, w - 4, 12);
    g.textAlign = 'left';
  }

  const ready = init().catch(err => setStatus('train: ' + err.message, true));

  return {
    async show() {
      await ready;
      if (!session && !starting) await start();
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
