// The live motion's arithmetic and the GPU painter's bookkeeping, as pure functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animationSize, frameOf, motionOfLink, progress, withMotion } from '../../main/resources/web/animate-live.js';
import { resolvable, structureKey, uniformsOf } from '../../main/resources/web/gpu.js';

const recipe = { seed: 1, inputs: ['x', 'y', 'r', 'z'], z_dim: 2, z: [0.5, -1], hidden: [16, 16], activations: ['tanh'],
  output_activation: 'sigmoid', weights: 'normal:2', biases: 'uniform:0.5', gain: 1.5, width: 1024, height: 512,
  extent: 1, center: [0, 0], rotate: 90, color: 'rgb' };

test('a ping-pong motion goes there and back in one period; a loop jumps back', () => {
  const m = { field: 'gain', from: 0, to: 2, seconds: 4, easing: 'linear', repeat: 'ping-pong' };
  assert.equal(progress(m, 0), 0);
  assert.equal(progress(m, 2), 1);
  assert.equal(progress(m, 3), 0.5);
  assert.equal(progress({ ...m, repeat: 'loop' }, 3), 0.75);
  assert.ok(Math.abs(progress({ ...m, easing: 'smooth' }, 1) - 0.5) < 1e-12);
  assert.equal(frameOf(recipe, m, 1).gain, 1);
  assert.equal(recipe.gain, 1.5, 'the recipe itself is untouched');
});

test('zoom moves geometrically and scales keep their initialisation', () => {
  const zoom = frameOf(recipe, { field: 'zoom', from: 1, to: 4, seconds: 2, easing: 'linear', repeat: 'loop' }, 1);
  assert.equal(zoom.extent, 0.5);
  const w = frameOf(recipe, { field: 'weight-scale', from: 1, to: 3, seconds: 2, easing: 'linear', repeat: 'loop' }, 1);
  assert.equal(w.weights, 'normal:2');
});

test('a latent walk comes back to where it started', () => {
  const m = { field: 'walk', seconds: 10 };
  assert.deepEqual(frameOf(recipe, m, 0).z, [0.5, -1]);
  const quarter = frameOf(recipe, m, 2.5).z;
  assert.ok(Math.abs(quarter[0] - -1) < 1e-12 && Math.abs(quarter[1] - 0.5) < 1e-12);
  const back = frameOf(recipe, m, 10).z;
  assert.ok(Math.abs(back[0] - 0.5) < 1e-12 && Math.abs(back[1] - -1) < 1e-12);
});

test('the share link holds the motion and gives it back', () => {
  const m = { field: 'rotate', from: 0, to: 90, seconds: 3, easing: 'smooth', repeat: 'loop' };
  const link = withMotion('http://127.0.0.1:8080/?recipe=%7B%7D#paint', m);
  assert.ok(link.endsWith('#paint'));
  assert.deepEqual(motionOfLink(link), m);
  assert.equal(motionOfLink(withMotion(link, null)), null);
  assert.equal(motionOfLink('http://x/?motion=%7B%22field%22%3A%22nope%22%2C%22seconds%22%3A1%7D'), null);
});

test('gain, scales, view and z are uniforms; seed and architecture are the network', () => {
  const key = structureKey(recipe, null);
  for (const change of [{ gain: 3 }, { weights: 'normal:0.1' }, { biases: 'uniform:2' }, { extent: 0.1 },
    { center: [1, 2] }, { rotate: 0 }, { z: [0, 0] }, { width: 64 }]) {
    assert.equal(structureKey({ ...recipe, ...change }, null), key, JSON.stringify(change));
  }
  for (const change of [{ seed: 2 }, { hidden: [16] }, { weights: 'he-normal' }, { color: 'hsv' }, { z_dim: 3 }]) {
    assert.notEqual(structureKey({ ...recipe, ...change }, null), key, JSON.stringify(change));
  }
  assert.notEqual(structureKey(recipe, 'page'), key);
  const u = uniformsOf(recipe, [9, 9], null);
  assert.equal(u.weightScale, 3);
  assert.equal(u.biasScale, 0.5);
  assert.deepEqual(u.z, [0.5, -1]);
  assert.ok(Math.abs(u.rotation[0]) < 1e-15 && u.rotation[1] === 1);
  assert.equal(uniformsOf({ ...recipe, z: null }, [9, 8], null).z[1], 8, 'a latent drawn from the seed');
  assert.equal(u.tile, 0);
  assert.equal(uniformsOf({ ...recipe, tile: true }, [9, 9], null).tile, 1, 'a seamless tile is a uniform');
  assert.equal(uniformsOf({ ...recipe, weights: 'xavier-normal' }, [], null).weightScale, 1.5);
  assert.equal(uniformsOf(recipe, [], 'page').weightScale, 1, 'a trained model paints at its own scale');
});

test('float32 resolves an ordinary view but not a deep zoom', () => {
  assert.ok(resolvable(recipe, 1024, 512));
  assert.ok(!resolvable({ ...recipe, extent: 1e-9, center: [0.3, 0.2] }, 1024, 512));
});

test('a server animation keeps the recipe\'s aspect with the longer side asked for', () => {
  assert.deepEqual(animationSize(recipe, 256), [256, 128]);
  assert.deepEqual(animationSize({ ...recipe, width: 300, height: 900 }, 300), [100, 300]);
  assert.deepEqual(animationSize(recipe, 3), [16, 8], 'at least 16 pixels on the longer side');
});
