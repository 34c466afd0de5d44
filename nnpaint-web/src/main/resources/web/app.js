// The explorer's entry point: loads what the controls offer, then shows one view at a time, chosen by the
// address's #fragment. A view is {show()}; the breed and train views register here the same way.

import * as api from './api.js';
import { createPaintView } from './paint.js';
import { createGalleryView } from './gallery.js';
import { createTrainView } from './train.js';
import { createFitView } from './fit.js';
import { createBreedView } from './breed.js';
import { createZoomView } from './zoom.js';
import { recipeOfLink } from './link.js';
import { StatusBoard } from './status.js';
import { useFields } from './recipe.js';

const status = document.getElementById('status');
const board = new StatusBoard();
let visible = null;
let statusTimer = 0;

/** Draws the visible view's line of the status board. */
function drawStatus() {
  const line = board.line(visible);
  status.textContent = line.text;
  status.classList.toggle('error', line.error);
}

/**
 * The status function a view is given: its messages show while it is visible; an information fades after a
 * while, an error stays until the view says something else. A field's error stays until the field is fixed.
 */
function statusOf(view) {
  const say = (text, isError = false) => {
    board.say(view, text, isError);
    if (view !== visible) return;
    drawStatus();
    clearTimeout(statusTimer);
    if (!isError) {
      statusTimer = setTimeout(() => {
        board.fade(view, text);
        if (view === visible) drawStatus();
      }, 6000);
    }
  };
  say.fieldError = (field, text) => { board.fieldError(view, field, text); if (view === visible) drawStatus(); };
  say.fieldFixed = field => { board.fieldFixed(view, field); if (view === visible) drawStatus(); };
  return say;
}
const setStatus = statusOf('app');

async function main() {
  const options = await api.getJson('/api/options');
  useFields(options.fields);
  const views = {};
  const go = name => { location.hash = name; };
  // A share link's recipe, completed by the server (fields left out take their defaults, as on the command line).
  let initial = null;
  const linked = recipeOfLink(location.href);
  if (linked) {
    try {
      initial = await api.getJson('/api/recipe', { recipe: linked });
    } catch (err) {
      statusOf('paint')('the link\'s recipe: ' + err.message, true);
    }
  }
  views.paint = createPaintView(options, initial, statusOf('paint'));
  views.breed = createBreedView(options, () => views.paint.recipe(), recipe => { views.paint.open(recipe); go('paint'); },
    statusOf('breed'));
  views.train = createTrainView(statusOf('train'));
  views.fit = createFitView(statusOf('fit'), go);
  views.gallery = createGalleryView(recipe => { views.paint.open(recipe); go('paint'); }, statusOf('gallery'));
  views.zoom = createZoomView(() => views.paint.recipe(), recipe => { views.paint.open(recipe); go('paint'); },
    statusOf('zoom'));

  function route() {
    const name = views[location.hash.slice(1)] ? location.hash.slice(1) : 'paint';
    for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== 'view-' + name;
    for (const tab of document.querySelectorAll('#tabs a')) tab.classList.toggle('active', tab.dataset.view === name);
    visible = name;
    clearTimeout(statusTimer);
    drawStatus();
    views[name].show();
  }
  // A handle for the browser console and the end-to-end tests: the recipe the paint view shows.
  window.nnpaint = { recipe: () => views.paint.recipe(), zoomViewer: () => views.zoom.viewer(),
    undoState: () => views.paint.undoState() };
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
}

main().catch(err => { visible = 'app'; setStatus('cannot start: ' + err.message, true); });
