// The network picture's pure parts: which links are drawn, how they look, which one the pointer picks, the
// neurons' names and the weight editor's check.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeFloats, strongestLinks, linkStyle, linkStep, segmentDistance, nearestLink, unitName, parseWeight,
  MAX_LINKS_PER_GAP, FULL_WEIGHT, LINK_STEPS,
} from '../../main/resources/web/train-network.js';

test('weights arrive as little-endian float32 in base64, exactly', () => {
  const values = new Float32Array([0.1, -2.5, 3e-8, 100]);
  const base64 = Buffer.from(new Uint8Array(values.buffer)).toString('base64');
  assert.deepEqual(Array.from(decodeFloats(base64)), Array.from(values));
});

test('the strongest links are drawn, weakest first so that the strong ones lie on top', () => {
  const w = [0.1, -0.9, 0.5, -0.05, 0.7];
  assert.deepEqual(strongestLinks(w, 3), [2, 4, 1]);
  assert.deepEqual(strongestLinks(w, 10), [3, 0, 2, 4, 1]);
  // a 64 x 64 layer keeps the cap's number, all at least as strong as any left out
  const wide = Array.from({ length: 4096 }, (_, i) => Math.sin(i * 12.9898) * 2);
  const kept = strongestLinks(wide, MAX_LINKS_PER_GAP);
  assert.equal(kept.length, MAX_LINKS_PER_GAP);
  const weakestKept = Math.min(...kept.map(i => Math.abs(wide[i])));
  const keptSet = new Set(kept);
  const strongestLeft = Math.max(...wide.filter((_, i) => !keptSet.has(i)).map(Math.abs));
  assert.ok(weakestKept >= strongestLeft);
});

test('a link is orange when negative, blue when positive, and wider and stronger with its size', () => {
  assert.match(linkStyle(-0.3).color, /^rgba\(245,147,34,/);
  assert.match(linkStyle(0.3).color, /^rgba\(8,119,189,/);
  assert.ok(linkStyle(1).width > linkStyle(0.2).width);
  assert.equal(linkStyle(FULL_WEIGHT).width, linkStyle(50).width); // capped
  assert.equal(linkStyle(-2).width, linkStyle(2).width);
  assert.equal(linkStyle(0).width, 0.4);
  assert.match(linkStyle(FULL_WEIGHT).color, /,1\.000\)$/);
  // links are stroked in steps: one path per sign and step
  assert.equal(linkStep(0), 0);
  assert.equal(linkStep(-FULL_WEIGHT / 2), Math.round((LINK_STEPS - 1) / 2));
  assert.equal(linkStep(7), LINK_STEPS - 1);
  assert.deepEqual(linkStyle(0.5001), linkStyle(0.5002));
});

test('the pointer picks the nearest link within the tolerance, the one drawn on top when two are as near', () => {
  assert.equal(segmentDistance(5, 3, 0, 0, 10, 0), 3);
  assert.equal(segmentDistance(-4, 3, 0, 0, 10, 0), 5); // beyond the end: the distance to the end point
  const links = [
    { id: 'low', x0: 0, y0: 0, x1: 100, y1: 0 },
    { id: 'cross', x0: 0, y0: 10, x1: 100, y1: -10 },
    { id: 'far', x0: 0, y0: 50, x1: 100, y1: 50 },
  ];
  assert.equal(nearestLink(links, 20, 1, 5).id, 'low');
  assert.equal(nearestLink(links, 50, 0, 5).id, 'cross'); // both pass through (50, 0): the later one is on top
  assert.equal(nearestLink(links, 50, 47, 5).id, 'far');
  assert.equal(nearestLink(links, 50, 30, 5), null);
});

test('units are named as the server names them: inputs, h<layer>.<unit>, out', () => {
  const sizes = [2, 4, 3, 1];
  assert.equal(unitName(0, 1, sizes, ['x', 'y']), 'y');
  assert.equal(unitName(1, 0, sizes, ['x', 'y']), 'h1.1');
  assert.equal(unitName(2, 2, sizes, ['x', 'y']), 'h2.3');
  assert.equal(unitName(3, 0, sizes, ['x', 'y']), 'out');
  assert.equal(unitName(2, 1, [2, 8, 3], ['x', 'y']), 'out.2');
  assert.equal(unitName(0, 3, [4, 1], ['x', 'y']), 'input 4');
});

test('the weight editor takes numbers from -100 to 100', () => {
  assert.deepEqual(parseWeight(' -6.5 '), { value: -6.5 });
  assert.deepEqual(parseWeight('1e-3'), { value: 0.001 });
  assert.deepEqual(parseWeight('100'), { value: 100 });
  assert.match(parseWeight('100.5').error, /from -100 to 100/);
  assert.match(parseWeight('abc').error, /not a number/);
  assert.match(parseWeight('').error, /not a number/);
  assert.match(parseWeight('Infinity').error, /not a number/);
});
