// The share link: the page's address with the whole recipe as JSON in the query (?recipe={...}), the same
// JSON as `nnpaint render --config`, and the view in the fragment. Pure functions of strings, so that Node's
// test runner checks them; the page passes location.href.

import { normalized } from './recipe.js';

/**
 * The link that opens this recipe in a view (the paint view unless named), on the page at {@code href}. Other
 * query parameters stay as they are (the train view keeps its settings in ?train=).
 */
export function linkFor(href, recipe, view = 'paint') {
  const u = new URL(href);
  u.search = '?' + ['recipe=' + encodeURIComponent(JSON.stringify(normalized(recipe)))]
    .concat(otherParams(u.search, 'recipe')).join('&');
  u.hash = '#' + view;
  return u.toString();
}

/** The query's parameters other than {@code name}, as they are written; never a token (a link is shared). */
function otherParams(search, name) {
  return search.replace(/^\?/, '').split('&')
    .filter(p => p !== '' && p.split('=')[0] !== name && p.split('=')[0] !== 'token');
}

/**
 * The link that opens the train view with these settings (the train view's JSON, as /api/train/start takes it),
 * keeping the page's other parameters (a paint recipe stays).
 */
export function trainLinkFor(href, settings) {
  const u = new URL(href);
  u.search = '?' + otherParams(u.search, 'train')
    .concat(['train=' + encodeURIComponent(JSON.stringify(settings))]).join('&');
  u.hash = '#train';
  return u.toString();
}

/** The train settings a link carries, or null when it has none or they are not a JSON object. */
export function trainOfLink(href) {
  let text;
  try {
    text = new URLSearchParams(new URL(href).search).get('train');
  } catch (e) {
    return null;
  }
  if (!text) return null;
  try {
    const t = JSON.parse(text);
    return t && typeof t === 'object' && !Array.isArray(t) ? t : null;
  } catch (e) {
    return null;
  }
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
