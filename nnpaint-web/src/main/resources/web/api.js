// Talks to the server. Every request names this page with the id the server gave it in the page's
// <meta name="nnpaint-page">, so that the server keeps each tab's state apart and can stop a render that a newer
// one from the same tab superseded. The server's token travels in a cookie the page never sees.

// (no document outside a browser: the page's unit tests under Node load modules that import this one)
const meta = typeof document === 'undefined' ? null : document.querySelector('meta[name="nnpaint-page"]');
export const pageId = (meta && meta.content) || '';

/** An error the server explained: {"error": "..."} with a 4xx status. */
export class ServerError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null) q.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  if (pageId) q.set('page', pageId);
  return q.toString();
}

async function check(response) {
  if (response.ok) return response;
  let message = response.statusText || 'HTTP ' + response.status;
  try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
  throw new ServerError(response.status, message);
}

export function url(path, params) {
  return path + '?' + query(params);
}

export async function getJson(path, params = {}, signal) {
  return (await check(await fetch(url(path, params), { signal }))).json();
}

export async function postJson(path, body) {
  const response = await fetch(url(path, {}), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return (await check(response)).json();
}

/** A preview PNG as a bitmap, with how long the server took. */
export async function render(recipe, w, h, seq, signal, extra = {}) {
  const response = await check(await fetch(url('/api/render', { recipe, w, h, seq, ...extra }), { signal }));
  const blob = await response.blob();
  return { bitmap: await createImageBitmap(blob), millis: Number(response.headers.get('X-Render-Millis')) };
}
