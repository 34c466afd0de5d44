// The recipe as the page holds it: the same JSON object as `nnpaint render --config` reads and writes
// (format nnpaint.recipe/1), so share links, the gallery and the command line speak one format.

export const FORMAT = 'nnpaint.recipe/1';

// The recipe fields as the server's field table describes them (GET /api/options "fields"): names, recipe file
// keys in file order, defaults, ranges and help. Set once at start, before any recipe is normalised.
let fields = [];

export function useFields(list) {
  fields = list;
}

/** The field named `name` (as in the table: "gain", "z-dim", "layers"), or undefined. */
export function field(name) {
  return fields.find(f => f.name === name);
}

/** The default of a field, from the table. */
export function defaultOf(name) {
  const f = field(name);
  return f ? JSON.parse(JSON.stringify(f.default)) : undefined;
}

/** The recipe with every field the table knows and the recipe leaves out set to its default. */
export function withDefaults(r) {
  const out = {};
  for (const f of fields) {
    if (f.json && f.default !== null) out[f.json] = f.default;
  }
  return normalized(Object.assign(out, r));
}

/** "normal:1" -> {kind: "normal", scale: 1}; "he-normal" -> {kind: "he-normal", scale: null}. */
export function parseInit(text) {
  const colon = text.indexOf(':');
  return colon < 0 ? { kind: text, scale: null } : { kind: text.slice(0, colon), scale: Number(text.slice(colon + 1)) };
}

export function formatInit(kind, scale, takesScale) {
  return takesScale ? `${kind}:${round(scale)}` : kind;
}

export function round(v, digits = 4) {
  return Number(Number(v).toFixed(digits));
}

/** Activations per layer as typed in the page: entries separated by ';'. */
export function parseActivations(text) {
  return text.split(';').map(s => s.trim()).filter(s => s.length > 0);
}

/** The hidden layer sizes typed as "64,32,16" (null when malformed). */
export function parseHidden(text) {
  const parts = text.split(/[ ,]+/).filter(s => s.length > 0);
  const sizes = parts.map(Number);
  return sizes.every(n => Number.isInteger(n) && n > 0) ? sizes : null;
}

/** A deep copy with the fields in the order the server writes them (the table's order). */
export function normalized(r) {
  const out = { format: FORMAT };
  for (const f of fields) {
    const key = f.json;
    if (key && r[key] !== undefined && r[key] !== null) out[key] = JSON.parse(JSON.stringify(r[key]));
  }
  return out;
}

export function same(a, b) {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}
