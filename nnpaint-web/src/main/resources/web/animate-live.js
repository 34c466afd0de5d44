// Live motion in the paint view, painted frame by frame on the GPU: one numeric recipe field swept from one value
// to another (linear or eased, looping or back and forth), or a seamless walk of the latent vector around a loop.
// Play, pause, scrub, record what the canvas shows as WebM, and keep the motion in the share link (?motion=...).
// Frames never touch the recipe or its undo history; a paused motion shows its frame until the recipe changes.

import { parseInit, formatInit } from './recipe.js';
import * as api from './api.js';

/** The fields a motion can move: how to read and write each on a recipe. */
export const FIELDS = {
  gain: { label: 'gain', get: r => r.gain, set: (r, v) => { r.gain = v; } },
  'weight-scale': { label: 'weight scale', get: r => parseInit(r.weights).scale,
    set: (r, v) => { r.weights = formatInit(parseInit(r.weights).kind, v, true); } },
  'bias-scale': { label: 'bias scale', get: r => parseInit(r.biases).scale,
    set: (r, v) => { r.biases = formatInit(parseInit(r.biases).kind, v, true); } },
  zoom: { label: 'zoom', get: r => 1 / r.extent, set: (r, v) => { r.extent = 1 / v; }, geometric: true },
  rotate: { label: 'rotation', get: r => r.rotate, set: (r, v) => { r.rotate = v; } },
  'center-x': { label: 'centre x', get: r => r.center[0], set: (r, v) => { r.center = [v, r.center[1]]; } },
  'center-y': { label: 'centre y', get: r => r.center[1], set: (r, v) => { r.center = [r.center[0], v]; } },
};
for (let k = 0; k < 16; k++) {
  FIELDS['z' + k] = { label: 'z' + (k + 1), get: r => (r.z && k < r.z.length ? r.z[k] : null),
    set: (r, v) => { r.z = r.z.slice(); r.z[k] = v; } };
}

const EASINGS = { linear: s => s, smooth: s => (1 - Math.cos(Math.PI * s)) / 2 };

/** Where in the motion time t (seconds) falls: 0..1 along the sweep. */
export function progress(motion, t) {
  const phase = ((t / motion.seconds) % 1 + 1) % 1;
  const s = motion.repeat === 'ping-pong' ? (phase < 0.5 ? 2 * phase : 2 - 2 * phase) : phase;
  return (EASINGS[motion.easing] || EASINGS.linear)(s);
}

/** The recipe at time t of the motion. */
export function frameOf(recipe, motion, t) {
  const r = JSON.parse(JSON.stringify(recipe));
  if (motion.field === 'walk') {
    // z cos + z' sin around the loop, z' the same values shifted by one: back where it started after a period
    const a = 2 * Math.PI * ((t / motion.seconds) % 1);
    const z = recipe.z;
    r.z = z.map((v, k) => v * Math.cos(a) + z[(k + 1) % z.length] * Math.sin(a));
    return r;
  }
  const f = FIELDS[motion.field];
  const s = progress(motion, t);
  const v = f.geometric && motion.from > 0 && motion.to > 0
    ? motion.from * Math.pow(motion.to / motion.from, s) : motion.from + (motion.to - motion.from) * s;
  f.set(r, v);
  return r;
}

/**
 * The size of a server animation: the recipe's aspect with its longer side {@code side} pixels (the server maps
 * the motion itself onto its animate job, ops.anim.LiveMotion, so that the page and the server share one mapping).
 */
export function animationSize(recipe, side) {
  const s = Math.max(16, Math.round(side));
  return recipe.width >= recipe.height
    ? [s, Math.max(1, Math.round(s * recipe.height / recipe.width))]
    : [Math.max(1, Math.round(s * recipe.width / recipe.height)), s];
}

/** The motion a link carries, or null. */
export function motionOfLink(href) {
  try {
    const m = JSON.parse(new URL(href).searchParams.get('motion'));
    return m && typeof m === 'object' && (FIELDS[m.field] || m.field === 'walk') && m.seconds > 0 ? m : null;
  } catch (e) {
    return null;
  }
}

/** The link with the motion in it (or without one). */
export function withMotion(href, motion) {
  const u = new URL(href);
  if (motion) u.searchParams.set('motion', JSON.stringify(motion)); else u.searchParams.delete('motion');
  return u.toString();
}

const $ = id => document.getElementById(id);

/**
 * The motion panel under the canvas. {@code view} is the paint view's handle: recipe(), frame(snapshot) (draws
 * on the GPU, false when it cannot), repaint(), and setStatus.
 */
export function createMotionPanel(view, setStatus) {
  const box = document.createElement('fieldset');
  box.id = 'motion';
  box.className = 'motion';
  box.innerHTML = `<legend>Motion (GPU)</legend>
    <label>move <select id="motion-field"></select></label>
    <label>from <input id="motion-from" type="number" step="any"></label>
    <label>to <input id="motion-to" type="number" step="any"></label>
    <label>seconds <input id="motion-seconds" type="number" min="0.5" step="0.5" value="6"></label>
    <label>easing <select id="motion-easing"><option>smooth</option><option>linear</option></select></label>
    <label>repeat <select id="motion-repeat"><option>ping-pong</option><option>loop</option></select></label>
    <button id="motion-play" type="button">Play</button>
    <button id="motion-record" type="button" title="one period of the motion as a WebM video">Record WebM</button>
    <label class="motion-scrub">time <output id="motion-time"></output><input id="motion-scrub" type="range" min="0" max="1" step="0.001" value="0"></label>
    <div class="motion-server" title="the same motion painted by the server on its CPU, one period of it">
      <label>on the server <select id="motion-format"><option value="gif">GIF</option><option value="mp4">MP4</option></select></label>
      <label>side <input id="motion-side" type="number" min="16" max="1024" step="1" value="256"></label>
      <label>fps <input id="motion-fps" type="number" min="1" max="60" step="1" value="20"></label>
      <button id="motion-server" type="button">Make file</button>
      <button id="motion-server-stop" type="button" hidden>Stop</button>
      <output id="motion-server-progress"></output>
    </div>`;
  document.querySelector('#view-paint .stage').append(box);
  let motion = motionOfLink(location.href);
  let playing = false;
  let t = 0;
  let last = 0;
  let busy = false;
  let recorder = null;

  function fillFields() {
    const r = view.recipe();
    const options = Object.entries(FIELDS).filter(([, f]) => f.get(r) !== null && f.get(r) !== undefined)
      .map(([id, f]) => new Option(f.label, id));
    if (r.z && r.z.length) options.push(new Option('latent walk', 'walk'));
    const chosen = $('motion-field').value;
    $('motion-field').replaceChildren(...options);
    if ([...$('motion-field').options].some(o => o.value === chosen)) $('motion-field').value = chosen;
  }

  /** Suggests a sweep around the field's current value. */
  function suggest() {
    const id = $('motion-field').value;
    const walk = id === 'walk';
    $('motion-from').disabled = walk;
    $('motion-to').disabled = walk;
    if (walk) return;
    const v = FIELDS[id].get(view.recipe());
    const around = { rotate: [v - 90, v + 90], zoom: [v / 2, v * 2] }[id] || [v - Math.max(0.5, Math.abs(v) / 2),
      v + Math.max(0.5, Math.abs(v) / 2)];
    $('motion-from').value = Number(around[0].toFixed(4));
    $('motion-to').value = Number(around[1].toFixed(4));
  }

  function read() {
    const m = { field: $('motion-field').value, from: Number($('motion-from').value), to: Number($('motion-to').value),
      seconds: Math.max(0.5, Number($('motion-seconds').value) || 6), easing: $('motion-easing').value,
      repeat: $('motion-repeat').value };
    if (m.field === 'walk') { delete m.from; delete m.to; }
    return m;
  }

  function show(m) {
    fillFields();
    if (![...$('motion-field').options].some(o => o.value === m.field)) return false;
    $('motion-field').value = m.field;
    suggest();
    if (m.field !== 'walk') { $('motion-from').value = m.from; $('motion-to').value = m.to; }
    $('motion-seconds').value = m.seconds;
    $('motion-easing').value = m.easing || 'smooth';
    $('motion-repeat').value = m.repeat || 'ping-pong';
    return true;
  }

  async function paintAt(time) {
    if (busy) return true;   // the GPU is still on the last frame: skip this one
    busy = true;
    try {
      const ok = await view.frame(frameOf(view.recipe(), motion, time));
      $('motion-time').value = time.toFixed(1) + ' s';
      $('motion-scrub').value = ((time / motion.seconds) % 1).toFixed(3);
      return ok;
    } finally {
      busy = false;
    }
  }

  async function tick(now) {
    if (!playing) return;
    t += (now - last) / 1000;
    last = now;
    if (!await paintAt(t)) {
      stop();
      setStatus('the motion plays on the GPU, and the GPU cannot paint this network', true);
      return;
    }
    requestAnimationFrame(tick);
  }

  function play() {
    motion = read();
    last = performance.now();
    if (playing) return;   // one loop of frames: a second would run the clock twice as fast
    playing = true;
    $('motion-play').textContent = 'Pause';
    box.dataset.playing = 'true';
    requestAnimationFrame(tick);
  }

  function stop() {
    playing = false;
    $('motion-play').textContent = 'Play';
    box.dataset.playing = 'false';
  }

  $('motion-field').addEventListener('change', suggest);
  $('motion-play').addEventListener('click', () => {
    if (playing) {
      stop();
    } else {
      play();
    }
  });
  $('motion-scrub').addEventListener('input', e => {
    motion = read();
    stop();
    t = Number(e.target.value) * motion.seconds;
    paintAt(t);
  });
  $('motion-record').addEventListener('click', () => {
    const canvas = $('canvas');
    if (recorder || !canvas.captureStream || typeof MediaRecorder === 'undefined') {
      if (!recorder) setStatus('this browser cannot record the canvas', true);
      return;
    }
    const chunks = [];
    recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
    recorder.ondataavailable = e => chunks.push(e.data);
    recorder.onstop = () => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob(chunks, { type: 'video/webm' }));
      a.download = 'nnpaint-motion.webm';
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      recorder = null;
      $('motion-record').disabled = false;
    };
    t = 0;
    play();
    recorder.start();
    $('motion-record').disabled = true;
    setStatus(`recording ${motion.seconds} s of motion`);
    setTimeout(() => recorder && recorder.stop(), motion.seconds * 1000);
  });
  box.addEventListener('focusout', () => { motion = read(); });

  // ---- the same motion as a server job (one per page) ----------------------------------------------------------
  let polling = 0;

  function showJob(state, text) {
    box.dataset.job = state;
    $('motion-server-progress').value = text;
    $('motion-server').disabled = state === 'running';
    $('motion-server-stop').hidden = state !== 'running';
  }

  async function poll() {
    clearTimeout(polling);
    let s;
    try {
      s = await api.getJson('/api/animate');
    } catch (err) {
      showJob('failed', err.message);
      setStatus(err.message, true);
      return;
    }
    if (s.state === 'running') {
      showJob('running', `frame ${s.done} of ${s.frames}`);
      polling = setTimeout(poll, 400);
    } else if (s.state === 'done') {
      showJob('done', `${s.name}, ${Math.max(1, Math.round(s.bytes / 1024))} kB`);
      const a = document.createElement('a');
      a.href = api.url(s.url, {});
      a.download = s.name;
      document.body.append(a);
      a.click();
      a.remove();
      setStatus(`the server made ${s.name} (${s.frames} frames)`);
    } else if (s.state === 'failed') {
      showJob('failed', s.error);
      setStatus(s.error, true);
    } else {
      showJob(s.state, s.state === 'cancelled' ? 'stopped' : '');
    }
  }

  $('motion-server').addEventListener('click', async () => {
    motion = read();
    const recipe = view.recipe();
    [recipe.width, recipe.height] = animationSize(recipe, Number($('motion-side').value) || 256);
    showJob('running', 'starting');
    try {
      const started = await api.postJson('/api/animate', { recipe, motion, format: $('motion-format').value,
        fps: Number($('motion-fps').value) || 20 });
      box.dataset.jobStart = JSON.stringify(started);
      showJob('running', `frame 0 of ${started.frames}`);
      poll();
    } catch (err) {
      showJob('failed', err.message);
      setStatus(err.message, true);
    }
  });
  $('motion-server-stop').addEventListener('click', async () => {
    clearTimeout(polling);
    await fetch(api.url('/api/animate', {}), { method: 'DELETE' }).catch(() => {});
    showJob('cancelled', 'stopped');
  });

  if (motion && show(motion)) {
    play();
  } else {
    fillFields();
    suggest();
    motion = null;
  }
  return {
    /** The motion for the share link while one is set up (played at least once), else null. */
    motion: () => motion,
    /** The recipe changed: offer its fields (a paused motion leaves the recipe's own picture). */
    recipeChanged() {
      fillFields();
      if (!playing && motion === null) suggest();
    },
  };
}
