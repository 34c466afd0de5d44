package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The activation of one layer: a single function ({@code tanh}) or a set that each unit draws from at random
 * ({@code mix:tanh,sin,gaussian}, or {@code mix:tanh+sin+gaussian} inside a per-layer list), as Picbreeder-style
 * CPPNs do. The draw is keyed by (seed, layer, unit).
 */
public record ActivationSpec(List<Activation> choices) {

    public ActivationSpec {
        choices = List.copyOf(choices);
        if (choices.isEmpty()) {
            throw new BadInputException("an activation mix needs at least one activation");
        }
    }

    public static ActivationSpec of(Activation activation) {
        return new ActivationSpec(List.of(activation));
    }

    public static ActivationSpec parse(String text) {
        String t = text.trim();
        if (t.toLowerCase(java.util.Locale.ROOT).startsWith("mix:")) {
            List<Activation> list = new ArrayList<>();
            // "mix:tanh,sin" or, inside a comma-separated per-layer list, "mix:tanh+sin"
            for (String part : t.substring(4).split("[,+]")) {
                if (!part.isBlank()) {
                    list.add(Activation.parse(part));
                }
            }
            return new ActivationSpec(list);
        }
        return of(Activation.parse(t));
    }

    public boolean isMix() {
        return choices.size() > 1;
    }

    /** The activation of unit {@code row} of layer {@code layer}. */
    public Activation forUnit(KeyedRandom random, int layer, int row) {
        if (choices.size() == 1) {
            return choices.get(0);
        }
        int i = (int) (random.uniform(KeyedRandom.ACTIVATIONS, layer, row, 0) * choices.size());
        return choices.get(i);
    }

    @Override
    public String toString() {
        String names = choices.stream().map(Activation::id).collect(Collectors.joining(","));
        return isMix() ? "mix:" + names : names;
    }
}
