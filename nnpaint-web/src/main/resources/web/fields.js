// Reading what a person typed into a field: each reader answers {value} or {message} (said to the person, in
// the page's words), never throws and never guesses. The page keeps a field that fails as typed, marked
// invalid with its message, until the person changes it. No DOM here.

/** The hidden layer sizes typed as "64,32,16" (spaces or commas between them; empty for no hidden layer). */
export function readHidden(text, maxWidth = Infinity) {
  const parts = String(text).split(/[ ,]+/).filter(s => s.length > 0);
  const sizes = parts.map(s => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (!sizes.every(n => Number.isInteger(n) && n > 0)) {
    return { message: 'hidden sizes: expected positive integers such as 64,32,16' };
  }
  const wide = sizes.find(n => n > maxWidth);
  if (wide !== undefined) return { message: `hidden sizes: ${wide} is wider than the ${maxWidth} units a layer may have` };
  return { value: sizes };
}

/** Activations per layer, entries separated by ';'. */
export function readActivations(text) {
  const list = String(text).split(';').map(s => s.trim()).filter(s => s.length > 0);
  return list.length ? { value: list } : { message: 'per layer: expected activations such as tanh; relu; mix:sin,gaussian' };
}

/** A seed: a whole number. */
export function readSeed(text) {
  const t = String(text).trim();
  return /^-?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? { value: Number(t) }
    : { message: 'seed: expected a whole number' };
}

/** A side of the downloaded image in pixels, within the server's limit. */
export function readSide(text, name, maxSide) {
  const t = String(text).trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isInteger(n) || n < 1) return { message: `image ${name}: expected a positive whole number of pixels` };
  if (n > maxSide) return { message: `image ${name}: at most ${maxSide} pixels` };
  return { value: n };
}

/** The size of the live canvas for an image of w x h: the longer side is {@code side} pixels, the aspect kept. */
export function canvasSize(w, h, side = 512) {
  return w >= h ? [side, Math.max(1, Math.round(side * h / w))] : [Math.max(1, Math.round(side * w / h)), side];
}
