// Share links: the recipe in the query as the JSON of --config, the view in the fragment.

import './fields-setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkFor, recipeOfLink, trainLinkFor, trainOfLink, viewOfLink } from '../../main/resources/web/link.js';
import { normalized } from '../../main/resources/web/recipe.js';

const recipe = {
  seed: 42, inputs: ['x', 'y', 'r'], z_dim: 0, hidden: [32, 16], activations: ['tanh', 'mix:sin,gaussian'],
  output_activation: 'sigmoid', weights: 'normal:1.25', biases: 'normal:0.5', gain: 1, width: 640, height: 480,
  extent: 0.5, center: [0.25, -1e-7], rotate: 30, color: 'palette:viridis',
};

test('a link round-trips the recipe, in the server\'s field order with its format', () => {
  const link = linkFor('http://127.0.0.1:8080/?recipe=old#breed', recipe);
  assert.ok(link.startsWith('http://127.0.0.1:8080/?recipe=%7B%22format%22%3A%22nnpaint.recipe%2F1%22'));
  assert.ok(link.endsWith('#paint'));
  const back = recipeOfLink(link);
  assert.deepEqual(back, normalized(recipe));
  assert.deepEqual(Object.keys(back).slice(0, 3), ['format', 'seed', 'inputs']);
  assert.equal(back.center[1], -1e-7);
  assert.ok(linkFor('http://h/#zoom', recipe, 'zoom').endsWith('#zoom'));
});

test('characters that mean something in a URL survive', () => {
  const odd = { ...recipe, activations: ['mix:sin,gaussian', 'tanh'], color: 'palette:a&b=c#d?e+f %' };
  assert.equal(recipeOfLink(linkFor('http://h/', odd)).color, 'palette:a&b=c#d?e+f %');
});

test('hand-written and older links: fields left out, no format field, spaces as +, the view after the query', () => {
  assert.deepEqual(recipeOfLink('http://h/?recipe={"seed":12,"color":"hsv"}'), { seed: 12, color: 'hsv' });
  assert.deepEqual(recipeOfLink('http://h/?recipe=%7B%22seed%22%3A+3%7D#breed'), { seed: 3 });
  assert.equal(viewOfLink('http://h/?recipe=%7B%7D#breed', ['paint', 'breed']), 'breed');
  assert.equal(viewOfLink('http://h/?recipe=%7B%7D', ['paint', 'breed']), 'paint');
  assert.equal(viewOfLink('http://h/#nowhere', ['paint', 'breed']), 'paint');
});

test('a link without a recipe, or with one that is not a JSON object, carries none', () => {
  for (const href of ['http://h/', 'http://h/?recipe=', 'http://h/?recipe=%7Bseed', 'http://h/?recipe=[1,2]',
    'http://h/?recipe=null', 'http://h/?recipe=12', 'http://h/?other=%7B%7D', 'not a url']) {
    assert.equal(recipeOfLink(href), null, href);
  }
});

test('the paint recipe and the train settings share the address without erasing each other', () => {
  const settings = { data: 'circles', hidden: [], features: ['x2', 'y2'], learningRate: 0.03 };
  const trained = trainLinkFor('http://h/?recipe=%7B%22seed%22%3A3%7D#paint', settings);
  assert.ok(trained.endsWith('#train'));
  assert.deepEqual(trainOfLink(trained), settings);
  assert.deepEqual(recipeOfLink(trained), { seed: 3 });
  const painted = linkFor(trained, recipe, 'train');
  assert.deepEqual(trainOfLink(painted), settings, 'a new paint recipe keeps the train settings');
  assert.deepEqual(recipeOfLink(painted), normalized(recipe));
  assert.deepEqual(trainOfLink(trainLinkFor(painted, { seed: 9 })), { seed: 9 }, 'new settings replace the old');
  assert.ok(!trainLinkFor('http://h/?token=secret#train', settings).includes('secret'), 'a link has no token');
  assert.ok(!linkFor('http://h/?token=secret&train=%7B%7D', recipe).includes('secret'), 'a link has no token');
});

test('a link without train settings, or with ones that are not a JSON object, carries none', () => {
  for (const href of ['http://h/', 'http://h/?train=', 'http://h/?train=%7Bseed', 'http://h/?train=[1]']) {
    assert.equal(trainOfLink(href), null, href);
  }
});
