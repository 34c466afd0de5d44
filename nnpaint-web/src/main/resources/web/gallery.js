// The gallery view: the pictures saved in the server's gallery folder; clicking one opens its recipe.

import * as api from './api.js';

export function createGalleryView(openRecipe, setStatus) {
  const list = document.getElementById('gallery-list');
  return {
    async show() {
      try {
        const g = await api.getJson('/api/gallery');
        document.getElementById('gallery-folder').textContent = g.folder + '/';
        list.replaceChildren(...g.items.map(item => {
          const li = document.createElement('li');
          const img = document.createElement('img');
          img.src = item.url;
          img.alt = item.name;
          img.loading = 'lazy';
          const name = document.createElement('span');
          name.textContent = item.name;
          li.append(img, name);
          li.dataset.name = item.name;
          if (item.recipe) li.addEventListener('click', () => openRecipe(item.recipe));
          else li.title = 'not painted by nnpaint: no recipe to open';
          return li;
        }));
        if (!g.items.length) list.innerHTML = '<li class="hint">nothing saved yet</li>';
      } catch (err) {
        setStatus(err.message, true);
      }
    },
  };
}
