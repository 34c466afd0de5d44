// Reading typed fields: a value, or a message for the person; bad input is refused, never guessed at.

import './fields-setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasSize, readActivations, readHidden, readSeed, readSide } from '../../main/resources/web/fields.js';

test('hidden sizes read with commas or spaces, and nothing for no hidden layer', () => {
  assert.deepEqual(readHidden('64,32,16'), { value: [64, 32, 16] });
  assert.deepEqual(readHidden(' 8  8,4 '), { value: [8, 8, 4] });
  assert.deepEqual(readHidden(''), { value: [] });
});

test('hidden sizes that are not positive whole numbers are refused with one message', () => {
  for (const bad of ['8,abc', '8,-2', '0', '1.5', '8,,x', '1e2', '0x10']) {
    assert.deepEqual(readHidden(bad), { message: 'hidden sizes: expected positive integers such as 64,32,16' }, bad);
  }
  assert.deepEqual(readHidden('8,600', 128), { message: 'hidden sizes: 600 is wider than the 128 units a layer may have' });
});

test('activations per layer split at semicolons', () => {
  assert.deepEqual(readActivations('tanh; relu ;mix:sin,gaussian'), { value: ['tanh', 'relu', 'mix:sin,gaussian'] });
  assert.ok(readActivations(' ; ').message.startsWith('per layer:'));
});

test('a seed is a whole number', () => {
  assert.deepEqual(readSeed(' -12 '), { value: -12 });
  for (const bad of ['', '1.5', 'abc', '99999999999999999999']) assert.ok(readSeed(bad).message, bad);
});

test('a download side is a positive whole number within the server\'s limit', () => {
  assert.deepEqual(readSide('300', 'width', 32768), { value: 300 });
  assert.deepEqual(readSide('-3', 'width', 32768), { message: 'image width: expected a positive whole number of pixels' });
  assert.deepEqual(readSide('0', 'height', 32768), { message: 'image height: expected a positive whole number of pixels' });
  assert.deepEqual(readSide('12.5', 'width', 32768).message, 'image width: expected a positive whole number of pixels');
  assert.deepEqual(readSide('40000', 'width', 32768), { message: 'image width: at most 32768 pixels' });
  assert.deepEqual(readSide('32768', 'width', 32768), { value: 32768 });
});

test('the live canvas keeps the image\'s aspect with the longer side 512', () => {
  assert.deepEqual(canvasSize(1024, 1024), [512, 512]);
  assert.deepEqual(canvasSize(300, 200), [512, 341]);
  assert.deepEqual(canvasSize(200, 300), [341, 512]);
  assert.deepEqual(canvasSize(100000, 1), [512, 1]);
});
