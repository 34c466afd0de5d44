// Undo and redo in steps of gestures: a slider drag, a burst of key presses in one control, a wheel zoom burst or
// a pan is one step however long it takes, because a step ends with the gesture (pointer up, another control,
// another kind of input, Enter, leaving the field), never with a timer. No DOM here: the page and Node's test
// runner both load this file.

import { normalized, same } from './recipe.js';

export class UndoHistory {
  /** Starts with one step, the recipe shown first. */
  constructor(initial, limit = 200) {
    this.limit = limit;
    this.reset(initial);
  }

  /** Forgets every step; the recipe becomes the only one. */
  reset(recipe) {
    this.items = [normalized(recipe)];
    this.at = 0;
    this.gesture = null;    // the gesture the current step belongs to while it may still grow, or null
  }

  /** The recipe of the current step. */
  current() {
    return normalized(this.items[this.at]);
  }

  /**
   * Records the recipe after a change. A change with the gesture of the step still growing replaces that step;
   * any other change (a different gesture, or null for a one-off change like a select or a button) ends it and
   * starts a new step. A change to the recipe already current records nothing. Returns whether a step changed.
   */
  change(recipe, gesture = null) {
    if (gesture !== null && gesture === this.gesture) {
      this.items[this.at] = normalized(recipe);
      return true;
    }
    this.end();
    if (same(this.items[this.at], recipe)) return false;
    this.items = this.items.slice(0, this.at + 1);
    this.items.push(normalized(recipe));
    if (this.items.length > this.limit) this.items.shift();
    this.at = this.items.length - 1;
    this.gesture = gesture;
    return true;
  }

  /** Ends the growing step; a gesture that came back to where it started leaves no step behind. */
  end() {
    if (this.gesture !== null && this.at > 0 && same(this.items[this.at], this.items[this.at - 1])) {
      this.items.splice(this.at, 1);
      this.at--;
    }
    this.gesture = null;
  }

  /** The gesture of the step still growing, or null. */
  growing() {
    return this.gesture;
  }

  canUndo() {
    return this.at > 0;
  }

  canRedo() {
    return this.at < this.items.length - 1;
  }

  /** The recipe of the step before, or null at the first. */
  undo() {
    this.end();
    return this.at > 0 ? normalized(this.items[--this.at]) : null;
  }

  redo() {
    this.end();
    return this.canRedo() ? normalized(this.items[++this.at]) : null;
  }
}
