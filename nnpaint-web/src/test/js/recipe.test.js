// The recipe as the page holds it: normalisation to the server's JSON, and reading the notations of the controls.

import './fields-setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInit, normalized, parseInit, round, same } from '../../main/resources/web/recipe.js';

test('normalisation orders the fields as the server writes them and drops unknown, null and missing ones', () => {
  const n = normalized({ color: 'hsv', junk: 1, z: null, seed: 3, center: [1, 2], format: 'other' });
  assert.deepEqual(n, { format: 'nnpaint.recipe/1', seed: 3, center: [1, 2], color: 'hsv' });
  assert.deepEqual(Object.keys(n), ['format', 'seed', 'center', 'color']);
});

test('normalisation copies deeply', () => {
  const r = { hidden: [8, 8], center: [0, 0] };
  const n = normalized(r);
  r.hidden.push(9);
  r.center[0] = 4;
  assert.deepEqual(n.hidden, [8, 8]);
  assert.deepEqual(n.center, [0, 0]);
});

test('two recipes are the same when their normal forms are, whatever the key order', () => {
  assert.ok(same({ seed: 1, gain: 2 }, { gain: 2, seed: 1, junk: true }));
  assert.ok(!same({ seed: 1, gain: 2 }, { seed: 1, gain: 2.0001 }));
});

test('weight distributions read and write as kind:scale', () => {
  assert.deepEqual(parseInit('normal:1.5'), { kind: 'normal', scale: 1.5 });
  assert.deepEqual(parseInit('he-normal'), { kind: 'he-normal', scale: null });
  assert.equal(formatInit('scaled-normal', 1.234567, true), 'scaled-normal:1.2346');
  assert.equal(formatInit('he-normal', 3, false), 'he-normal');
  assert.equal(round(0.1 + 0.2), 0.3);
});
