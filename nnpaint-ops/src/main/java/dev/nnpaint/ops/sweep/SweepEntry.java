package dev.nnpaint.ops.sweep;

import java.io.Serializable;

/**
 * One entry of a recipe list; a broken entry has a problem and no recipe.
 *
 * @param index      the entry's place in the list, from 1 (the first recipe of a CSV file is its row after the header)
 * @param name       the image's file name without ".png": given in the list or {@code entry-001} by index
 * @param recipeJson the complete recipe as compact nnpaint.recipe/1 JSON, every field resolved; null when broken
 * @param problem    why the entry cannot be painted, for a person; null when it is fine
 */
public record SweepEntry(int index, String name, String recipeJson, String problem) implements Serializable {

    public SweepEntry {
        if ((recipeJson == null) == (problem == null)) {
            throw new IllegalArgumentException("an entry has either a recipe or a problem");
        }
    }

    public boolean broken() {
        return problem != null;
    }

    /** How messages name the entry: {@code entry 3 (sunset)}. */
    public String label() {
        return "entry " + index + " (" + name + ")";
    }
}
