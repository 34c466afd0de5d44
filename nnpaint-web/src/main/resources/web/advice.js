// The stats verdicts in the page's words. The server's verdicts speak to the command line ("try --weights
// normal:1", "a smaller --extent"); the page names its own controls instead, and drops a suggestion that is
// the recipe's current value (advice to do what is already done helps nobody). No DOM here.

/** "normal:1" as the page's controls show it: "weights normal, scale 1". */
function weightsWords(value) {
  const colon = value.indexOf(':');
  return colon < 0 ? `weights ${value}` : `weights ${value.slice(0, colon)}, scale ${value.slice(colon + 1)}`;
}

function sameInit(a, b) {
  const [ka, sa] = String(a).split(':');
  const [kb, sb] = String(b).split(':');
  return ka === kb && (sa === undefined ? sb === undefined : sb !== undefined && Number(sa) === Number(sb));
}

/** A verdict's text for the page, given the recipe it describes. */
export function inPageWords(text, recipe) {
  const current = recipe && recipe.weights;
  let out = String(text);
  // the edge of chaos: "... is sigma_w = 1.3: --weights scaled-normal:1.3)"
  out = out.replace(/: --weights ([\w-]+:[\d.eE+-]+)\)/g, (all, value) =>
    sameInit(value, current) ? ', where the weights are now)' : `: ${weightsWords(value)})`);
  // "; try --weights normal:1": when the weights are that already, the way out is larger weights
  out = out.replace(/try --weights ([\w-]+(?::[\d.eE+-]+)?)/g, (all, value) =>
    sameInit(value, current) ? 'try a larger weights scale' : `try ${weightsWords(value)}`);
  out = out.replace(/zoom in \(a smaller --extent\)/g, 'zoom in (the wheel on the picture)');
  out = out.replace(/--(\w[\w-]*)/g, '$1');
  return out;
}
