// The fit view's pure helpers: the encoding the controls describe, hidden widths, base64.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandFor, decodeBase64, encodingOf, parseHidden } from '../../main/resources/web/fit.js';

const fields = { levels: 8, features: 256, sigma: 10, omega: 30 };

test('each encoding choice becomes the spec nnpaint fit reads', () => {
  assert.deepEqual(encodingOf('hash', fields), { encoding: 'hash', siren: 0 });
  assert.deepEqual(encodingOf('pe', fields), { encoding: 'pe:8', siren: 0 });
  assert.deepEqual(encodingOf('gauss', { ...fields, features: 64, sigma: 2.5 }), { encoding: 'gauss:64:2.5', siren: 0 });
  assert.deepEqual(encodingOf('none', fields), { encoding: 'none', siren: 0 });
});

test('SIREN is no encoding and sine layers with omega0', () => {
  assert.deepEqual(encodingOf('siren', { ...fields, omega: 20 }), { encoding: 'none', siren: 20 });
});

test('hidden widths read as a list or as width x count, empty meaning the default', () => {
  assert.deepEqual(parseHidden('64,64'), [64, 64]);
  assert.deepEqual(parseHidden(' 256x4 '), [256, 256, 256, 256]);
  assert.deepEqual(parseHidden('32 16'), [32, 16]);
  assert.equal(parseHidden(''), null);
  assert.throws(() => parseHidden('64,0'), /expected widths such as 64,64/);
  assert.throws(() => parseHidden('wide'), /expected widths/);
});

test('base64 decodes to the bytes of a reconstruction', () => {
  assert.deepEqual([...decodeBase64('AAH/gA==')], [0, 1, 255, 128]);
});

test('the command line of a session names its encoding, network and rate, and only the options that differ', () => {
  assert.equal(commandFor('photo.png', { encoding: 'hash', siren: 0, hidden: [64, 64], learningRate: 0.01, batch: 0,
    holdout: false, seed: 1 }), 'nnpaint fit photo.png --encoding hash --hidden 64,64 --lr 0.01');
  assert.equal(commandFor('my photo.jpg', { encoding: 'none', siren: 30, hidden: [256, 256], learningRate: 0.0001,
    batch: 4096, holdout: true, seed: 7 }),
  "nnpaint fit 'my photo.jpg' --encoding none --siren 30 --hidden 256,256 --lr 0.0001 --batch 4096 --holdout even --seed 7");
});
