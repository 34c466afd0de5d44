// Undo steps are gestures: whatever the timing, a slider drag, a key burst in one control or a wheel burst is one
// step, and any other input ends it.

import './fields-setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UndoHistory } from '../../main/resources/web/history.js';

const base = { seed: 1, gain: 1, hidden: [16, 16], extent: 1, center: [0, 0] };
const withGain = g => ({ ...base, gain: g });

test('a slider gesture of many changes is one step, and undo brings back the exact value before it', () => {
  const h = new UndoHistory(base);
  for (let i = 1; i <= 30; i++) h.change(withGain(1 + i * 0.01), 'slider:gain');
  h.end();
  assert.equal(h.items.length, 2);
  assert.equal(h.undo().gain, 1);
  assert.equal(h.redo().gain, 1.3);
  assert.equal(h.canRedo(), false);
});

test('two gestures of the same slider separated by an end are two steps', () => {
  const h = new UndoHistory(base);
  h.change(withGain(1.1), 'slider:gain');
  h.change(withGain(1.2), 'slider:gain');
  h.end();
  h.change(withGain(1.5), 'slider:gain');
  assert.equal(h.undo().gain, 1.2);
  assert.equal(h.undo().gain, 1);
  assert.equal(h.undo(), null);
});

test('another gesture or a one-off change ends the growing step', () => {
  const h = new UndoHistory(base);
  h.change({ ...base, extent: 0.9 }, 'wheel-zoom');
  h.change({ ...base, extent: 0.8 }, 'wheel-zoom');
  h.change({ ...base, extent: 0.8, seed: 7 });             // a one-off: new seed
  h.change({ ...base, extent: 0.8, seed: 7, gain: 2 }, 'slider:gain');
  assert.equal(h.items.length, 4);
  assert.deepEqual([h.undo().seed, h.undo().extent, h.undo().extent], [7, 0.8, 1]);
});

test('a one-off change equal to the current recipe records nothing', () => {
  const h = new UndoHistory(base);
  assert.equal(h.change({ ...base }), false);
  assert.equal(h.canUndo(), false);
});

test('a gesture that comes back to where it started leaves no step', () => {
  const h = new UndoHistory(base);
  h.change(withGain(1.4), 'slider:gain');
  h.change(withGain(1), 'slider:gain');
  h.end();
  assert.equal(h.items.length, 1);
  assert.equal(h.canUndo(), false);
});

test('undo during a gesture ends it, and a change after undo drops the redo branch', () => {
  const h = new UndoHistory(base);
  h.change(withGain(2));
  h.change(withGain(2.5), 'slider:gain');
  assert.equal(h.undo().gain, 2);
  assert.equal(h.growing(), null);
  h.change(withGain(2.2), 'slider:gain');   // a new step, not the undone one growing again
  assert.equal(h.canRedo(), false);
  assert.deepEqual(h.items.map(r => r.gain), [1, 2, 2.2]);
});

test('the history keeps copies, so changing a recorded recipe object later changes no step', () => {
  const r = withGain(3);
  const h = new UndoHistory(base);
  h.change(r);
  r.gain = 9;
  r.center[0] = 5;
  assert.equal(h.current().gain, 3);
  assert.deepEqual(h.undo().center, [0, 0]);
});

test('the oldest steps go beyond the limit', () => {
  const h = new UndoHistory(base, 3);
  for (let s = 2; s <= 6; s++) h.change({ ...base, seed: s });
  assert.deepEqual(h.items.map(r => r.seed), [4, 5, 6]);
  h.undo();
  h.undo();
  assert.equal(h.undo(), null);
});
