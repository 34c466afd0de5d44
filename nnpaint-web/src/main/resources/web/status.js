// The status line is shared by the views, but each view has its own message: a view's message shows only while
// that view is visible (a hidden view's error must not replace what the visible one says), and comes back when
// the view is shown again. A field's error stays until the person changes the field, however many render
// messages follow; only a newer error (the server refusing the recipe) is shown over it. No DOM here: the page draws what {@link StatusBoard#line} answers.

export class StatusBoard {
  constructor() {
    this.messages = new Map();    // view -> {text, error}
    this.fieldErrors = new Map(); // view -> Map(field -> {text, order})
    this.order = 0;
  }

  /** A message of a view; an empty text clears it. */
  say(view, text, error = false) {
    this.messages.set(view, { text, error, order: ++this.order });
  }

  /** Clears the view's message if it still is this text (an information fading). */
  fade(view, text) {
    const m = this.messages.get(view);
    if (m && m.text === text) this.messages.delete(view);
  }

  /** A field's error, shown in the view's line until {@link #fieldFixed}. */
  fieldError(view, field, text) {
    if (!this.fieldErrors.has(view)) this.fieldErrors.set(view, new Map());
    const errors = this.fieldErrors.get(view);
    errors.delete(field);       // the newest error comes last
    errors.set(field, { text, order: ++this.order });
  }

  fieldFixed(view, field) {
    const errors = this.fieldErrors.get(view);
    if (errors) errors.delete(field);
  }

  /** What the line says while the view is visible: its newest field error, else its message. */
  line(view) {
    const errors = this.fieldErrors.get(view);
    const message = this.messages.get(view);
    const field = errors && errors.size ? [...errors.values()].pop() : null;
    if (field && !(message && message.error && message.order > field.order)) return { text: field.text, error: true };
    return message ? { text: message.text, error: message.error } : { text: '', error: false };
  }
}
