// The maths panel's equations and shapes for the network the train view runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mathsOf, mathsHtml, shapeText } from '../../main/resources/web/train-maths.js';

const net = { layers: [2, 4, 3, 1], activation: 'tanh', outputActivation: 'sigmoid', loss: 'bce', batch: 16,
  trainSamples: 200, optimizer: 'adam', learningRate: 0.01, l2: 0, inputNames: ['x', 'y'] };

/** The shapes the HTML shows, read back from its data-of cells. */
function shownShapes(html) {
  const out = {};
  for (const match of html.matchAll(/data-of="([^"]+)">[^:]*: (\d+) \u00d7 (\d+)</g)) {
    out[match[1]] = [Number(match[2]), Number(match[3])];
  }
  return out;
}

test('a 2-4-3-1 network with batch 16 has the shapes of the article, layer by layer', () => {
  const maths = mathsOf(net);
  assert.equal(maths.L, 3);
  assert.deepEqual(maths.shapes['A[0]'], [2, 16]);
  assert.deepEqual(maths.shapes['W[1]'], [4, 2]);
  assert.deepEqual(maths.shapes['b[1]'], [4, 1]);
  assert.deepEqual(maths.shapes['Z[1]'], [4, 16]);
  assert.deepEqual(maths.shapes['W[2]'], [3, 4]);
  assert.deepEqual(maths.shapes['A[2]'], [3, 16]);
  assert.deepEqual(maths.shapes['W[3]'], [1, 3]);
  assert.deepEqual(maths.shapes['A[3]'], [1, 16]);
  assert.deepEqual(maths.shapes.Y, [1, 16]);
  // backward: each gradient has the shape of what it is the gradient of
  for (const l of [1, 2, 3]) {
    assert.deepEqual(maths.shapes[`dW[${l}]`], maths.shapes[`W[${l}]`]);
    assert.deepEqual(maths.shapes[`db[${l}]`], maths.shapes[`b[${l}]`]);
    assert.deepEqual(maths.shapes[`dZ[${l}]`], maths.shapes[`Z[${l}]`]);
  }
  assert.deepEqual(maths.shapes['dA[2]'], [3, 16]);
  assert.deepEqual(maths.shapes['dA[1]'], [4, 16]);
  assert.equal(maths.shapes['dA[0]'], undefined); // the inputs need no gradient
  assert.equal(maths.parameters, 4 * 2 + 4 + 3 * 4 + 3 + 3 + 1);
  assert.equal(maths.tail, 200 % 16);
});

test('the HTML shows every shape it computed, with the equations in the article\'s notation', () => {
  const maths = mathsOf(net);
  const html = mathsHtml(maths);
  assert.deepEqual(shownShapes(html), maths.shapes);
  assert.ok(html.includes('Z<sup>[2]</sup> = W<sup>[2]</sup>\u00b7A<sup>[1]</sup> + b<sup>[2]</sup>'));
  assert.ok(html.includes('A<sup>[1]</sup> = tanh(Z<sup>[1]</sup>)'));
  assert.ok(html.includes('A<sup>[3]</sup> = \u03c3(Z<sup>[3]</sup>)'));
  assert.ok(html.includes('dZ<sup>[3]</sup> = A<sup>[3]</sup> \u2212 Y'));
  assert.ok(html.includes('dW<sup>[2]</sup> = dZ<sup>[2]</sup>\u00b7A<sup>[1]T</sup> / m'));
  assert.ok(html.includes('dA<sup>[1]</sup> = W<sup>[2]T</sup>\u00b7dZ<sup>[2]</sup>'));
  assert.ok(html.includes('dZ<sup>[1]</sup> = dA<sup>[1]</sup> \u2299 (1 \u2212 tanh\u00b2(Z<sup>[1]</sup>))'));
  assert.ok(html.includes('binary cross-entropy'));
  assert.ok(html.includes('m = 16 samples an update (an epoch\'s last update takes the remaining 8)'));
  assert.ok(!html.includes('\u03bb'), 'no regularisation term when it is off');
  assert.equal(shapeText([4, 16]), '4 \u00d7 16');
});

test('softmax, mean squared error and the regularisation terms follow the session', () => {
  const spiral = mathsHtml(mathsOf({ ...net, layers: [2, 8, 3], outputActivation: 'softmax', loss: 'cross-entropy',
    activation: 'relu', l2: 0.001 }));
  assert.ok(spiral.includes('A<sup>[2]</sup> = softmax(Z<sup>[2]</sup>)'));
  assert.ok(spiral.includes('softmax cross-entropy'));
  assert.ok(spiral.includes('dW<sup>[2]</sup> = dZ<sup>[2]</sup>\u00b7A<sup>[1]T</sup> / m + \u03bb<sub>2</sub> W<sup>[2]</sup>'));
  assert.ok(spiral.includes('\u2299 (1 where Z<sup>[1]</sup> &gt; 0, else 0)'));
  assert.ok(spiral.includes('L2 \u03bb<sub>2</sub> = 0.001'));

  const regression = mathsHtml(mathsOf({ ...net, outputActivation: 'identity', loss: 'mse', l1: 0.0001 }));
  assert.ok(regression.includes('A<sup>[3]</sup> = Z<sup>[3]</sup>'));
  assert.ok(regression.includes('dZ<sup>[3]</sup> = (2/n<sup>[3]</sup>) (A<sup>[3]</sup> \u2212 Y)</td>'));
  assert.ok(regression.includes('+ \u03bb<sub>1</sub> sign(W<sup>[1]</sup>)'));
  assert.ok(regression.includes('\u03bb<sub>1</sub> \u03a3<sub>l</sub> |W<sup>[l]</sup>|'));

  const gd = mathsHtml(mathsOf({ ...net, optimizer: 'gd', batch: 200 }));
  assert.ok(gd.includes('m = 200 samples an update;'));
  assert.ok(gd.includes('W<sup>[l]</sup> \u2190 W<sup>[l]</sup> \u2212 \u03b1 dW<sup>[l]</sup>'));
});

test('names from the page are escaped', () => {
  const html = mathsHtml(mathsOf({ ...net, activation: '<b>', inputNames: ['x<1'] }));
  assert.ok(!html.includes('<b>'));
  assert.ok(html.includes('x&lt;1'));
});
