package dev.nnpaint.ops.recipe;

/** The syntax of a field's values in a grid ({@code --rows FIELD=VALUES}). */
public enum VaryKind {
    /** A whole number: {@code 1..10}, {@code 2..30:3}, {@code geom:10..400:6} (rounded). */
    WHOLE,
    /** A number: lists, steps, {@code lin:} and {@code geom:} ranges. */
    NUMBER,
    /** A vector {@code 0.5,-1}; values separated by {@code ;}, or {@code lin:0,0..1,1:5}. */
    VECTOR,
    /** A list of whole numbers (hidden sizes); values separated by {@code ;}. */
    WHOLE_VECTOR,
    /** A word: an activation, a colour mode; values separated by {@code ,} or, when one holds a comma, {@code ;}. */
    WORD,
    /** A comma list of words (per-layer activations, inputs); values separated by {@code ;}. */
    WORD_LIST,
    /** An initialisation, whose number may be a range: {@code uniform:0.5..1:0.1}. */
    INIT
}
