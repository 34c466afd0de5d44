// The explorer's entry point: loads what the controls offer, then shows one view at a time, chosen by the
// address's #fragment. A view is {show()}; the breed and train views register here the same way.

import * as api from './api.js';
import { createPaintView } from './paint.js';
import { createGalleryView } from './gallery.js';
import { createTrainView } from './train.js';
import { createBreedView } from './breed.js';
import { createZoomView } from './zoom.js';
import { fromLocation, useFields } from './recipe.js';

const status = document.getElementById('status');
let statusTimer = 0;

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
  clearTimeout(statusTimer);
  if (!isError) statusTimer = setTimeout(() => { status.textContent = ''; }, 6000);
}

async function main() {
  const options = await api.getJson('/api/options');
  useFields(options.fields);
  const views = {};
  const go = name => { location.hash = name; };
  // A share link's recipe, completed by the server (fields left out take their defaults, as on the command line).
  let initial = null;
  const linked = fromLocation();
  if (linked) {
    try {
      initial = await api.getJson('/api/recipe', { recipe: linked });
    } catch (err) {
      setStatus('the link\'s recipe: ' + err.message, true);
    }
  }
  views.paint = createPaintView(options, initial, setStatus);
  views.breed = createBreedView(options, () => views.paint.recipe(), recipe => { views.paint.open(recipe); go('paint'); }, setStatus);
  views.train = createTrainView(setStatus);
  views.gallery = createGalleryView(recipe => { views.paint.open(recipe); go('paint'); }, setStatus);
  views.zoom = createZoomView(() => views.paint.recipe(), recipe => { views.paint.open(recipe); go('paint'); }, setStatus);

  function route() {
    const name = views[location.hash.slice(1)] ? location.hash.slice(1) : 'paint';
    for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== 'view-' + name;
    for (const tab of document.querySelectorAll('#tabs a')) tab.classList.toggle('active', tab.dataset.view === name);
    views[name].show();
  }
  // A handle for the browser console and the end-to-end tests: the recipe the paint view shows.
  window.nnpaint = { recipe: () => views.paint.recipe(), zoomViewer: () => views.zoom.viewer() };
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
}

main().catch(err => setStatus('cannot start: ' + err.message, true));
