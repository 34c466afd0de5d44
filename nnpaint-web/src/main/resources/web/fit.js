// The fit view: a network learns to paint a picture. Choose a sample or upload a PNG or JPEG, an encoding (none,
// positional, Gaussian Fourier features, a hash grid, or SIREN's sine layers) and a network; the server fits it in
// the background and this page polls its snapshot (step, seconds, PSNR, the curve and the reconstruction), as the
// train view does. Every start makes a new session with a new id; answers about any other session are dropped.

import * as api from './api.js';

const RUNNING_POLL_MS = 100;
const PAUSED_POLL_MS = 400;
const HIDDEN_POLL_MS = 1500;
const UPLOAD = 'upload'; // the picture choice that fits the uploaded file

const $ = id => document.getElementById(id);

/** Base64 to bytes. */
export function decodeBase64(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The encoding spec and omega0 the controls describe: `pe:L`, `gauss:M:SIGMA`, `hash`, `none`, or SIREN (no
 * encoding, sine layers with omega0).
 */
export function encodingOf(kind, { levels, features, sigma, omega }) {
  switch (kind) {
    case 'pe': return { encoding: `pe:${levels}`, siren: 0 };
    case 'gauss': return { encoding: `gauss:${features}:${sigma}`, siren: 0 };
    case 'hash': return { encoding: 'hash', siren: 0 };
    case 'siren': return { encoding: 'none', siren: omega };
    default: return { encoding: 'none', siren: 0 };
  }
}

/** Hidden widths from text such as `64,64` or `256x4`; null when the text is empty (the encoding's default). */
export function parseHidden(text) {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  const m = /^(\d+)\s*x\s*(\d+)$/.exec(t);
  if (m) return Array(Number(m[2])).fill(Number(m[1]));
  const widths = t.split(/[,\s]+/).filter(Boolean).map(Number);
  if (widths.some(w => !Number.isInteger(w) || w < 1)) throw new Error(`hidden layers: expected widths such as 64,64 or 256x4, got '${text}'`);
  return widths;
}

/**
 * The command line that fits the same way: the resolved settings of a session as `nnpaint fit` options (the
 * command fits the file at its own size; the view shrinks it to the fit size first).
 */
export function commandFor(name, config) {
  const words = ['nnpaint fit', /\s/.test(name) ? `'${name}'` : name, '--encoding', config.encoding];
  if (config.siren > 0) words.push('--siren', String(config.siren));
  words.push('--hidden', config.hidden.join(','), '--lr', String(config.learningRate));
  if (config.batch > 0) words.push('--batch', String(config.batch));
  if (config.holdout) words.push('--holdout even');
  if (config.seed !== 1) words.push('--seed', String(config.seed));
  return words.join(' ');
}

/** 8-bit RGB bytes as the pixels of a canvas of w x h. */
function paintRgb(canvas, rgb, w, h) {
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const g = canvas.getContext('2d');
  const image = g.createImageData(w, h);
  for (let p = 0, q = 0; p < w * h; p++) {
    image.data[q++] = rgb[3 * p];
    image.data[q++] = rgb[3 * p + 1];
    image.data[q++] = rgb[3 * p + 2];
    image.data[q++] = 255;
  }
  g.putImageData(image, 0, 0);
}

/** Reads a file as base64 (without the data: prefix). */
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('cannot read ' + file.name));
    reader.readAsDataURL(file);
  });
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

/**
 * @param setStatus the view's status line
 * @param openIn    name => shows a view ('paint' or 'zoom') once the fitted network is the page's model
 */
export function createFitView(setStatus, openIn) {
  const section = $('view-fit');
  const curve = $('fit-curve');
  let options = null;
  let session = null;
  let snapshot = null;
  let drawnVersion = -1;
  let image = null;       // {width, height, channels}: the fitted image of the session
  let uploaded = null;    // what the server said about the uploaded file
  let timer = 0;
  let inFlight = false;
  let starts = 0;
  let started = false;

  async function init() {
    options = await api.getJson('/api/fit/options');
    const source = $('fit-source');
    for (const name of options.samples) source.add(new Option('sample: ' + name, 'sample:' + name));
    source.add(new Option('your image (upload a file)', UPLOAD));
    source.value = 'sample:' + options.defaults.sample;
    $('fit-side').value = String(options.defaults.side);
    $('fit-file').accept = 'image/png,image/jpeg';
    $('fit-file-hint').textContent = `PNG or JPEG, colour or grey, up to ${(options.maxBytes / 1048576).toFixed(0)} MB and `
      + `${(options.maxPixels / 1e6).toFixed(0)} megapixels; shrunk to ${options.maxSide} pixels a side at most, `
      + 'and to the fit size for training';
    encodingDefaults();
    showEncodingFields();

    for (const id of ['fit-side', 'fit-holdout', 'fit-pe', 'fit-gauss-m', 'fit-gauss-sigma', 'fit-omega',
      'fit-hidden', 'fit-lr', 'fit-batch', 'fit-seed']) {
      $(id).addEventListener('change', () => start());
    }
    $('fit-encoding').addEventListener('change', () => { encodingDefaults(); showEncodingFields(); start(); });
    source.addEventListener('change', () => start());
    $('fit-file').addEventListener('change', () => upload().catch(err => setStatus('fit: ' + err.message, true)));
    $('fit-play').addEventListener('click', () => control(snapshot && snapshot.playing ? 'pause' : 'play'));
    $('fit-step').addEventListener('click', () => control('step'));
    $('fit-restart').addEventListener('click', () => control('restart'));
    $('fit-open-paint').addEventListener('click', () => open('paint'));
    $('fit-open-zoom').addEventListener('click', () => open('zoom'));
    $('fit-download-model').addEventListener('click', () => download('/api/fit/model'));
    $('fit-download-png').addEventListener('click', () => download('/api/fit/png'));
    // the session ends with the page, not seconds later
    window.addEventListener('pagehide', () => navigator.sendBeacon(api.url('/api/fit/close', {})));
  }

  /** The controls take the CLI's defaults of the chosen encoding: its network and learning rate. */
  function encodingDefaults() {
    const d = options.encodings[$('fit-encoding').value];
    $('fit-hidden').value = d.hidden.join(',');
    $('fit-lr').value = String(d.learningRate);
    $('fit-hidden').placeholder = d.hidden.join(',');
  }

  function showEncodingFields() {
    const kind = $('fit-encoding').value;
    $('fit-pe-box').hidden = kind !== 'pe';
    $('fit-gauss-box').hidden = kind !== 'gauss';
    $('fit-siren-box').hidden = kind !== 'siren';
  }

  function settings() {
    const source = $('fit-source').value;
    const { encoding, siren } = encodingOf($('fit-encoding').value, {
      levels: Number($('fit-pe').value), features: Number($('fit-gauss-m').value),
      sigma: Number($('fit-gauss-sigma').value), omega: Number($('fit-omega').value),
    });
    const body = {
      source: source === UPLOAD ? 'upload' : 'sample',
      side: Number($('fit-side').value),
      encoding,
      siren,
      hidden: parseHidden($('fit-hidden').value),
      holdout: $('fit-holdout').checked,
      seed: Number($('fit-seed').value),
    };
    if (source !== UPLOAD) body.sample = source.slice('sample:'.length);
    if ($('fit-lr').value.trim()) body.learningRate = Number($('fit-lr').value);
    const batch = $('fit-batch').value;
    if (batch !== 'auto') body.batch = Number(batch);
    return body;
  }

  async function upload() {
    const file = $('fit-file').files[0];
    if (!file) return;
    if (file.size > options.maxBytes) {
      throw new Error(`${file.name} has ${file.size.toLocaleString('en')} bytes; the fit view takes at most `
        + options.maxBytes.toLocaleString('en'));
    }
    setStatus('fit: uploading ' + file.name + '\u2026');
    const answer = await api.postJson('/api/fit/image', { name: file.name, data: await readBase64(file) });
    uploaded = answer;
    $('fit-source').value = UPLOAD;
    section.dataset.uploaded = answer.name;
    setStatus(`fit: ${answer.name}, ${answer.originalWidth}\u00d7${answer.originalHeight}`
      + (answer.scaled ? `, shrunk to ${answer.width}\u00d7${answer.height}` : ''));
    await start();
  }

  /** A new session on the controls' settings, replacing the shown one; the newest of several starts wins. */
  async function start() {
    const mine = ++starts;
    let body;
    try {
      body = settings();
    } catch (err) {
      setStatus('fit: ' + err.message, true);
      return;
    }
    if (body.source === 'upload' && !uploaded) { setStatus('fit: choose an image file below the picture list'); return; }
    section.dataset.state = 'starting';
    try {
      const answer = await api.postJson('/api/fit/start', body);
      if (mine !== starts) return;
      session = answer.session;
      section.dataset.session = session;
      drawnVersion = -1;
      snapshot = null;
      image = { width: answer.width, height: answer.height, channels: answer.channels };
      paintRgb($('fit-target'), decodeBase64(answer.target), answer.width, answer.height);
      $('fit-params').textContent = answer.parameters.toLocaleString('en');
      $('fit-batch-info').textContent = answer.batchPixels.toLocaleString('en')
        + (answer.config.batch === 0 ? ' (all)' : '');
      const note = answer.scaled
        ? `${answer.name}: ${answer.originalWidth}\u00d7${answer.originalHeight}, fitted at ${answer.width}\u00d7${answer.height}`
          + ' (shrunk so that the server can train it live)'
        : `${answer.name}: ${answer.width}\u00d7${answer.height}, ${answer.channels === 1 ? 'grey' : 'colour'}`;
      $('fit-image-info').textContent = note;
      $('fit-command').textContent = commandFor(answer.config.source === 'sample' ? answer.name + '.png' : answer.name,
        answer.config);
      section.dataset.imageWidth = answer.width;
      section.dataset.imageHeight = answer.height;
      $('fit-test-row').hidden = $('fit-test-psnr').hidden = !answer.config.holdout;
      show(answer.snapshot);
      schedule(0);
    } catch (err) {
      if (mine === starts) {
        section.dataset.state = 'error';
        setStatus('fit: ' + err.message, true);
      }
    }
  }

  async function control(action) {
    if (!session) return;
    const id = session;
    try {
      const s = await post('/api/fit/control', { session: id, action });
      if (id !== session) return;
      if (s.session !== session) {
        // restart: a new session of the same settings
        session = s.session;
        section.dataset.session = session;
        drawnVersion = -1;
      }
      show(s);
      schedule(0);
    } catch (err) {
      if (id === session) setStatus('fit: ' + err.message, true);
    }
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  async function poll() {
    if (!session || inFlight) { schedule(PAUSED_POLL_MS); return; }
    inFlight = true;
    const id = session;
    const begun = performance.now();
    try {
      show(await api.getJson('/api/fit/snapshot', { session: id, have: drawnVersion }));
    } catch (err) {
      if (err.status === 404 && id === session) {
        inFlight = false;
        await start(); // the server forgot the session (the page slept): begin again
        return;
      }
      if (err.status !== 429 && err.status !== 409 && id === session) setStatus('fit: ' + err.message, true);
    } finally {
      inFlight = false;
    }
    const running = snapshot && snapshot.running;
    const wait = section.hidden ? HIDDEN_POLL_MS
      : running ? Math.max(0, RUNNING_POLL_MS - (performance.now() - begun)) : PAUSED_POLL_MS;
    schedule(wait);
  }

  function show(s) {
    if (s.session !== session) return;
    if (s.version < drawnVersion) return;
    snapshot = s.unchanged ? Object.assign({}, snapshot, s, { unchanged: false }) : s;
    $('fit-play').textContent = s.playing ? 'Pause' : 'Play';
    $('fit-play').disabled = !!s.finished;
    section.dataset.state = s.running ? 'running' : 'paused';
    section.dataset.playing = String(!!s.playing);
    if (s.error) setStatus(s.error, true);
    if (s.version === drawnVersion || s.unchanged) return;
    drawnVersion = s.version;
    $('fit-step-count').textContent = s.step.toLocaleString('en');
    $('fit-seconds').textContent = s.seconds.toFixed(1) + ' s training'
      + (s.step > 0 ? `, ${(s.step / Math.max(s.seconds, 1e-3)).toFixed(1)} steps/s` : '');
    $('fit-psnr').textContent = s.trainPsnr === null ? '\u2013' : s.trainPsnr.toFixed(2) + ' dB';
    $('fit-test-psnr').textContent = s.testPsnr === null ? '\u2013' : s.testPsnr.toFixed(2) + ' dB';
    paintRgb($('fit-recon'), decodeBase64(s.image), image.width, image.height);
    drawCurve(s);
    section.dataset.step = s.step;
    section.dataset.psnr = s.trainPsnr === null ? '' : s.trainPsnr;
    section.dataset.testPsnr = s.testPsnr === null ? '' : s.testPsnr;
    section.dataset.version = s.version;
  }

  /** PSNR against the step: train in green, test (with a holdout) in orange, with the dB scale at the left. */
  function drawCurve(s) {
    const g = curve.getContext('2d');
    const w = curve.width;
    const h = curve.height;
    const left = 44;
    const bottom = 20;
    g.fillStyle = '#1f2229';
    g.fillRect(0, 0, w, h);
    const steps = s.curve.step;
    const values = s.curve.train.concat(s.curve.test).filter(Number.isFinite);
    if (!values.length) return;
    let lo = Math.floor(Math.min(...values) / 5) * 5;
    let hi = Math.ceil(Math.max(...values) / 5) * 5;
    if (hi - lo < 5) hi = lo + 5;
    const last = Math.max(1, steps[steps.length - 1]);
    const x = step => left + (w - left - 8) * step / last;
    const y = db => 6 + (h - bottom - 6) * (1 - (db - lo) / (hi - lo));
    g.font = '11px system-ui, sans-serif';
    g.fillStyle = '#9aa0ab';
    g.strokeStyle = '#343843';
    g.lineWidth = 1;
    for (let db = lo; db <= hi; db += 5) {
      g.beginPath();
      g.moveTo(left, y(db));
      g.lineTo(w, y(db));
      g.stroke();
      g.fillText(db + ' dB', 2, y(db) + 4);
    }
    g.fillText('step ' + last.toLocaleString('en'), w - 80, h - 5);
    g.fillText('0', left, h - 5);
    const line = (vs, color) => {
      if (!vs.length) return;
      g.strokeStyle = color;
      g.lineWidth = 2;
      g.beginPath();
      vs.forEach((v, i) => (i ? g.lineTo(x(steps[i]), y(v)) : g.moveTo(x(steps[i]), y(v))));
      g.stroke();
    };
    line(s.curve.train, '#5ec962');
    if (s.curve.test.length === steps.length) line(s.curve.test, '#f5a742');
  }

  /** The fitted network becomes the page's model, then the paint or zoom view shows it over the image's frame. */
  async function open(view) {
    if (!session) return;
    try {
      const opened = await post('/api/fit/open', { session });
      window.dispatchEvent(new CustomEvent('nnpaint:open-model', { detail: {
        outputs: opened.outputs, color: opened.color, center: opened.center, extent: opened.extent,
        width: opened.width, height: opened.height, source: 'fit' } }));
      openIn(view);
    } catch (err) {
      setStatus('fit: open in ' + view + ': ' + err.message, true);
    }
  }

  function download(path) {
    if (!session) return;
    const a = document.createElement('a');
    a.href = api.url(path, { session });
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
  }

  return {
    async show() {
      if (!options) {
        try {
          await init();
        } catch (err) {
          setStatus('fit: ' + err.message, true);
          return;
        }
      }
      if (!started) {
        started = true;
        await start();
      }
    },
  };
}
