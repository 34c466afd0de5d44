// The stats verdicts in the page's words: control names instead of command-line options, and no advice to set
// what is already set.

import './fields-setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inPageWords } from '../../main/resources/web/advice.js';

const greyGoo = 'grey goo: the output varies by only 0.001 over the image because the network is in the ordered '
  + 'phase; try --weights normal:1 (the edge of chaos for tanh at sigma_b = 0.05 is sigma_w = 1.02: '
  + '--weights scaled-normal:1.02)';

test('grey goo advice names the weights controls', () => {
  assert.equal(inPageWords(greyGoo, { weights: 'scaled-normal:0.5' }),
    'grey goo: the output varies by only 0.001 over the image because the network is in the ordered phase; '
    + 'try weights normal, scale 1 (the edge of chaos for tanh at sigma_b = 0.05 is sigma_w = 1.02: '
    + 'weights scaled-normal, scale 1.02)');
});

test('advice to use the weights the recipe already has becomes advice for larger weights', () => {
  const text = inPageWords(greyGoo, { weights: 'normal:1' });
  assert.ok(!text.includes('try weights normal, scale 1'), text);
  assert.ok(text.includes('try a larger weights scale'), text);
  assert.ok(!text.includes('--'), text);
  assert.ok(inPageWords(greyGoo, { weights: 'normal:1.0' }).includes('try a larger weights scale'));
});

test('the edge of chaos the recipe already sits on is said so, not suggested', () => {
  const text = inPageWords(greyGoo, { weights: 'scaled-normal:1.02' });
  assert.ok(text.endsWith('is sigma_w = 1.02, where the weights are now)'), text);
});

test('zooming is named as the page does it, and no option is left in command-line words', () => {
  const text = inPageWords('static: ...; try smaller weights, fewer layers, or zoom in (a smaller --extent)',
    { weights: 'normal:3' });
  assert.equal(text, 'static: ...; try smaller weights, fewer layers, or zoom in (the wheel on the picture)');
  assert.equal(inPageWords('zoom in (a smaller --extent) or use smaller weights', {}),
    'zoom in (the wheel on the picture) or use smaller weights');
});
