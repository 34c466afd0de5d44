// The status line: one message per view, shown only while that view is visible; field errors stay until fixed.

import './fields-setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusBoard } from '../../main/resources/web/status.js';

test('a hidden view\'s error does not replace the visible view\'s message, and shows when its view does', () => {
  const b = new StatusBoard();
  b.say('paint', '512x512 in 40 ms');
  b.say('train', 'training stopped: the server restarted', true);
  assert.deepEqual(b.line('paint'), { text: '512x512 in 40 ms', error: false });
  assert.deepEqual(b.line('train'), { text: 'training stopped: the server restarted', error: true });
  assert.deepEqual(b.line('zoom'), { text: '', error: false });
});

test('a field error outlasts render messages until the field is fixed', () => {
  const b = new StatusBoard();
  b.fieldError('paint', 'hidden', 'hidden sizes: expected positive integers such as 64,32,16');
  b.say('paint', '128x128 in 3 ms');
  b.say('paint', '512x512 in 40 ms');
  assert.deepEqual(b.line('paint'), { text: 'hidden sizes: expected positive integers such as 64,32,16', error: true });
  b.fieldError('paint', 'dl-width', 'image width: at most 32768 pixels');
  assert.equal(b.line('paint').text, 'image width: at most 32768 pixels');
  b.fieldFixed('paint', 'dl-width');
  assert.equal(b.line('paint').text, 'hidden sizes: expected positive integers such as 64,32,16');
  b.fieldFixed('paint', 'hidden');
  assert.deepEqual(b.line('paint'), { text: '512x512 in 40 ms', error: false });
});

test('a newer error, such as the server refusing the recipe, shows over a field error', () => {
  const b = new StatusBoard();
  b.fieldError('paint', 'hidden', 'hidden sizes: expected positive integers such as 64,32,16');
  b.say('paint', 'recipe: inputs: at least one of x, y, r, z, bias is needed', true);
  assert.deepEqual(b.line('paint'), { text: 'recipe: inputs: at least one of x, y, r, z, bias is needed', error: true });
  b.fieldError('paint', 'dl-width', 'image width: at most 32768 pixels');
  assert.equal(b.line('paint').text, 'image width: at most 32768 pixels');
});

test('an information fades only if nothing newer was said', () => {
  const b = new StatusBoard();
  b.say('paint', 'share link copied');
  b.say('paint', 'saved a.png to the gallery');
  b.fade('paint', 'share link copied');
  assert.equal(b.line('paint').text, 'saved a.png to the gallery');
  b.fade('paint', 'saved a.png to the gallery');
  assert.equal(b.line('paint').text, '');
});
