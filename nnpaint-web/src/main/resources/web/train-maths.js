// "Show the maths": the forward and backward passes of the train view's network written out in the notation of
// the plain-NumPy articles (Z[l] = W[l]·A[l-1] + b[l], A[l] = g(Z[l]), dW[l] = dZ[l]·A[l-1]ᵀ / m, ...), with the
// shape of every matrix for the session's layer sizes and batch, the activations, the loss and the regularisation
// in use. Pure functions (mathsOf, mathsHtml) and no library: the page's policy allows only its own scripts.

/** What each activation is called in the equations and how its derivative reads. */
const DERIVATIVES = {
  tanh: "1 \u2212 tanh\u00b2(Z)",
  sigmoid: '\u03c3(Z) \u2299 (1 \u2212 \u03c3(Z))',
  relu: '1 where Z &gt; 0, else 0',
  identity: '1',
  linear: '1',
  sin: 'cos(Z)',
  cos: '\u2212sin(Z)',
  softplus: '\u03c3(Z)',
  abs: 'sign(Z)',
};

const LOSSES = {
  bce: {
    name: 'binary cross-entropy',
    cost: 'J = \u2212(1/m) \u03a3 [Y log A<sup>[L]</sup> + (1 \u2212 Y) log(1 \u2212 A<sup>[L]</sup>)]',
    delta: 'dZ<sup>[L]</sup> = A<sup>[L]</sup> \u2212 Y',
    why: 'sigmoid and cross-entropy together: their derivatives cancel to the error',
  },
  'cross-entropy': {
    name: 'softmax cross-entropy',
    cost: 'J = \u2212(1/m) \u03a3 \u03a3<sub>k</sub> Y<sub>k</sub> log A<sup>[L]</sup><sub>k</sub>,'
      + ' Y one-hot',
    delta: 'dZ<sup>[L]</sup> = A<sup>[L]</sup> \u2212 Y',
    why: 'softmax and cross-entropy together: their derivatives cancel to the error',
  },
  mse: {
    name: 'mean squared error',
    cost: 'J = (1/m) \u03a3 (1/n<sup>[L]</sup>) \u2016A<sup>[L]</sup> \u2212 Y\u2016\u00b2',
    delta: 'dZ<sup>[L]</sup> = (2/n<sup>[L]</sup>) (A<sup>[L]</sup> \u2212 Y) \u2299 g<sup>[L]</sup>\u2032(Z<sup>[L]</sup>)',
    why: 'the derivative of the squared error through the output activation',
  },
};

const sup = l => `<sup>[${l}]</sup>`;
const m = (name, l) => `${name}${sup(l)}`;

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;' })[c]);
}

/**
 * The equations of a network and the shape of every matrix in them.
 *
 * @param net.layers           units of each layer from the inputs to the outputs, as [2, 4, 3, 1]
 * @param net.activation       the hidden layers' activation (its id)
 * @param net.outputActivation sigmoid, softmax or identity
 * @param net.loss             bce, cross-entropy or mse (the trainer's loss id)
 * @param net.batch            samples of one update: m
 * @param net.trainSamples     samples of the training set (an epoch's last batch may be smaller)
 * @param net.optimizer        the optimiser's id, net.learningRate its rate
 * @param net.l1, net.l2       regularisation rates (0 or absent when off)
 * @param net.inputNames       the input features, as ['x', 'y']
 * @returns {{shapes: Object<string, number[]>, forward: object[], backward: object[], cost: string, ...}}
 *          shapes maps a matrix's name (W[1], dZ[3], Y, ...) to [rows, columns]
 */
export function mathsOf(net) {
  const n = net.layers;
  const L = n.length - 1;
  const batch = net.batch;
  const shapes = {};
  const shape = (name, rows, cols) => { shapes[name] = [rows, cols]; return name; };
  shape('A[0]', n[0], batch);
  shape('Y', n[L], batch);
  const forward = [];
  for (let l = 1; l <= L; l++) {
    shape(`W[${l}]`, n[l], n[l - 1]);
    shape(`b[${l}]`, n[l], 1);
    shape(`Z[${l}]`, n[l], batch);
    shape(`A[${l}]`, n[l], batch);
    const g = l === L ? net.outputActivation : net.activation;
    forward.push({ layer: l, activation: g, linear: `Z[${l}]`, weights: `W[${l}]`, input: `A[${l - 1}]`,
      bias: `b[${l}]`, output: `A[${l}]` });
  }
  const backward = [];
  for (let l = L; l >= 1; l--) {
    shape(`dZ[${l}]`, n[l], batch);
    shape(`dW[${l}]`, n[l], n[l - 1]);
    shape(`db[${l}]`, n[l], 1);
    if (l > 1) shape(`dA[${l - 1}]`, n[l - 1], batch);
    backward.push({ layer: l, activation: l === L ? net.outputActivation : net.activation });
  }
  const loss = LOSSES[net.loss] || LOSSES.mse;
  const tail = net.trainSamples > batch ? net.trainSamples % batch : 0;
  return { L, n, batch, tail, shapes, forward, backward, loss, lossId: net.loss,
    activation: net.activation, outputActivation: net.outputActivation, l1: net.l1 || 0, l2: net.l2 || 0,
    optimizer: net.optimizer, learningRate: net.learningRate, inputNames: net.inputNames || [],
    parameters: n.slice(1).reduce((s, units, i) => s + units * n[i] + units, 0) };
}

/** "4 × 16" */
export function shapeText(shape) {
  return `${shape[0]} \u00d7 ${shape[1]}`;
}

/** A matrix's name as HTML: W[1] as W<sup>[1]</sup>. */
function symbol(name) {
  const at = name.indexOf('[');
  return at < 0 ? escapeHtml(name) : escapeHtml(name.slice(0, at)) + `<sup>${escapeHtml(name.slice(at))}</sup>`;
}

/** The derivative of an activation, in the equations' notation. */
function derivative(g, l) {
  if (g === 'softmax') return 'softmax\u2032';
  const d = DERIVATIVES[g];
  const z = `Z${sup(l)}`;
  return d ? d.replaceAll('Z', z) : `${escapeHtml(g)}\u2032(${z})`;
}

function applied(g, l) {
  if (g === 'identity' || g === 'linear') return `Z${sup(l)}`;
  return `${escapeHtml(g === 'sigmoid' ? '\u03c3' : g)}(Z${sup(l)})`;
}

/**
 * The maths as HTML: a row per equation, the equation then the shapes of the matrices it makes, each shape in a
 * cell marked data-of="NAME" (as W[1]) so that it can be read back.
 */
export function mathsHtml(maths) {
  const rows = [];
  const shapeCell = (...names) => names.map(name =>
    `<span class="maths-shape" data-of="${escapeHtml(name)}">${symbol(name)}: ${shapeText(maths.shapes[name])}</span>`)
    .join(' ');
  const row = (equation, ...names) => rows.push(`<tr><td class="maths-eq">${equation}</td>`
    + `<td class="maths-shapes">${shapeCell(...names)}</td></tr>`);
  const head = text => rows.push(`<tr class="maths-head"><th colspan="2">${text}</th></tr>`);
  const L = maths.L;
  const inputs = maths.inputNames.length ? ` (rows: ${maths.inputNames.map(escapeHtml).join(', ')})` : '';

  head(`Forward pass, l = 1 \u2026 ${L}`);
  row(`A${sup(0)} = X${inputs}`, 'A[0]');
  for (const f of maths.forward) {
    const l = f.layer;
    row(`Z${sup(l)} = W${sup(l)}\u00b7A${sup(l - 1)} + b${sup(l)}`, `W[${l}]`, `b[${l}]`, `Z[${l}]`);
    const g = f.activation === 'softmax' ? `softmax(Z${sup(l)})` : applied(f.activation, l);
    row(`A${sup(l)} = ${g}`, `A[${l}]`);
  }
  head(`Loss: ${maths.loss.name}`);
  let cost = maths.loss.cost;
  if (maths.l2) cost += ` + (\u03bb<sub>2</sub>/2) \u03a3<sub>l</sub> \u2016W${sup('l')}\u2016\u00b2`;
  if (maths.l1) cost += ` + \u03bb<sub>1</sub> \u03a3<sub>l</sub> |W${sup('l')}|`;
  row(cost, 'Y');

  head(`Backward pass, l = ${L} \u2026 1`);
  const reg = (maths.l2 ? ` + \u03bb<sub>2</sub> W${sup('l')}` : '') + (maths.l1 ? ` + \u03bb<sub>1</sub> sign(W${sup('l')})` : '');
  for (const b of maths.backward) {
    const l = b.layer;
    if (l === L) {
      const d = derivative(b.activation, L);
      const delta = maths.loss.delta.replaceAll('[L]', `[${L}]`)
        .replace(`g<sup>[${L}]</sup>\u2032(Z<sup>[${L}]</sup>)`, d.includes(' ') ? `(${d})` : d)
        .replace(' \u2299 1', '');
      row(delta, `dZ[${l}]`);
    } else {
      const d = derivative(b.activation, l);
      row(`dZ${sup(l)} = dA${sup(l)} \u2299 ${d.includes(' ') ? `(${d})` : d}`, `dZ[${l}]`);
    }
    row(`dW${sup(l)} = dZ${sup(l)}\u00b7A<sup>[${l - 1}]T</sup> / m${reg.replaceAll('[l]', `[${l}]`)}`, `dW[${l}]`);
    row(`db${sup(l)} = \u03a3<sub>j</sub> dZ${sup(l)} / m`, `db[${l}]`);
    if (l > 1) row(`dA${sup(l - 1)} = W<sup>[${l}]T</sup>\u00b7dZ${sup(l)}`, `dA[${l - 1}]`);
  }
  const rate = maths.learningRate === undefined ? '' : ` \u03b1 = ${maths.learningRate}`;
  const update = maths.optimizer === 'gd' || maths.optimizer === 'sgd'
    ? `W${sup('l')} \u2190 W${sup('l')} \u2212 \u03b1 dW${sup('l')}, b${sup('l')} \u2190 b${sup('l')} \u2212 \u03b1 db${sup('l')}`
    : `${escapeHtml(maths.optimizer || 'the optimiser')} turns dW${sup('l')} and db${sup('l')} into each step`;
  rows.push(`<tr class="maths-head"><th colspan="2">Update (${escapeHtml(maths.optimizer || '')}${rate})</th></tr>`
    + `<tr><td class="maths-eq" colspan="2">${update}</td></tr>`);

  const notes = [`m = ${maths.batch} samples an update`
    + (maths.tail ? ` (an epoch's last update takes the remaining ${maths.tail})` : ''),
  `g = ${escapeHtml(maths.activation)} in the hidden layers, ${escapeHtml(maths.outputActivation)} at the output`,
  `${maths.parameters.toLocaleString('en')} weights and biases`,
  maths.loss.why];
  if (maths.l2) notes.push(`L2 \u03bb<sub>2</sub> = ${maths.l2} (weights only)`);
  if (maths.l1) notes.push(`L1 \u03bb<sub>1</sub> = ${maths.l1} (weights only)`);
  return `<table class="maths-table">${rows.join('')}</table>`
    + `<p class="hint maths-notes">${notes.join('; ')}. \u2299 multiplies element by element; `
    + 'column j of each matrix is sample j of the batch.</p>';
}
