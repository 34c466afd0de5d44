// The share link: the page's address with the whole recipe as JSON in the query (?recipe={...}), the same
// JSON as `nnpaint render --config`, and the view in the fragment. Pure functions of strings, so that Node's
// test runner checks them; the page passes location.href.

import { normalized } from './recipe.js';

/** The link that opens this recipe in a view (the paint view unless named), on the page at {@code href}. */
export function linkFor(href, recipe, view = 'paint') {
  const u = new URL(href);
  u.search = '?recipe=' + encodeURIComponent(JSON.stringify(normalized(recipe)));
  u.hash = '#' + view;
  return u.toString();
}

/**
 * The recipe object a link carries, or null when it has none or it is not a JSON object. Fields may be left
 * out (a hand-written link; the server fills in the defaults) and the format field may be missing (links
 * written before the page added it).
 */
export function recipeOfLink(href) {
  let search;
  try {
    search = new URL(href).search;
  } catch (e) {
    return null;
  }
  const text = new URLSearchParams(search).get('recipe');
  if (!text) return null;
  try {
    const r = JSON.parse(text);
    return r && typeof r === 'object' && !Array.isArray(r) ? r : null;
  } catch (e) {
    return null;
  }
}

/** The view a link names in its fragment (#paint, #breed, ...), or the fallback. */
export function viewOfLink(href, views, fallback = 'paint') {
  const hash = new URL(href).hash.slice(1);
  return views.includes(hash) ? hash : fallback;
}
