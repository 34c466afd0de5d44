package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One weight set by hand between steps: training goes on from it, as from a network that started there. */
class TrainerWeightEditTest {

    private static final Dataset.Split MOONS = SyntheticData.MOONS.generate(600, 0.2, 4, 2).split(0.25, 4);
    private static final Model NET = Architecture.parse("2-8-6-1", "tanh", "sigmoid")
            .build(MOONS.train().featureNames(), 7, Init.parse("xavier-normal"), Init.parse("zero"));

    private static TrainSettings gd(int epochs) {
        return new TrainSettings(null, Optimizer.gd(0.3), epochs, 0, 9, 2, false);
    }

    private static List<Integer> bits(Model model) {
        List<Integer> out = new ArrayList<>();
        for (Layer l : model.layers()) {
            for (float w : l.weights()) {
                out.add(Float.floatToRawIntBits(w));
            }
            for (float b : l.bias()) {
                out.add(Float.floatToRawIntBits(b));
            }
        }
        return out;
    }

    @Test
    void anEditedWeightIsInTheModelAndFullBatchDescentGoesOnFromIt() {
        Model edited;
        Model afterEdit;
        Model unedited;
        try (Trainer trainer = new Trainer(NET, MOONS.train(), MOONS.test(), gd(3))) {
            trainer.step();
            trainer.setWeight(1, 2, 5, 0.75f);
            edited = trainer.model();
            assertThat(edited.layers().get(1).weight(2, 5)).isEqualTo(0.75f);
            trainer.step();
            afterEdit = trainer.model();
        }
        try (Trainer trainer = new Trainer(NET, MOONS.train(), MOONS.test(), gd(3))) {
            trainer.step();
            trainer.step();
            unedited = trainer.model();
        }
        // gradient descent keeps no state: one step from the edited network is the same as a new run's first
        Model fresh;
        try (Trainer trainer = new Trainer(edited, MOONS.train(), MOONS.test(), gd(1))) {
            trainer.step();
            fresh = trainer.model();
        }
        assertThat(bits(afterEdit)).isEqualTo(bits(fresh));
        assertThat(bits(afterEdit)).isNotEqualTo(bits(unedited));
        assertThat(afterEdit.layers().get(1).weight(2, 5)).isNotEqualTo(0.75f); // it trained on
    }

    @Test
    void anEditBeforeTheFirstStepIsWhereTrainingStarts() {
        Model edited = null;
        try (Trainer trainer = new Trainer(NET, MOONS.train(), MOONS.test(), gd(2))) {
            trainer.setWeight(0, 0, 1, -2.5f);
            edited = trainer.model();
            trainer.step();
            Model stepped = trainer.model();
            try (Trainer other = new Trainer(edited, MOONS.train(), MOONS.test(), gd(2))) {
                other.step();
                assertThat(bits(stepped)).isEqualTo(bits(other.model()));
            }
        }
        assertThat(edited.layers().get(0).weight(0, 1)).isEqualTo(-2.5f);
    }

    @Test
    void positionsOutsideTheLayerAndNonFiniteValuesAreRefused() {
        try (Trainer trainer = new Trainer(NET, MOONS.train(), MOONS.test(), gd(2))) {
            assertThatThrownBy(() -> trainer.setWeight(3, 0, 0, 1)).isInstanceOf(BadInputException.class)
                    .hasMessage("layer: expected 0 to 2, got 3");
            assertThatThrownBy(() -> trainer.setWeight(0, 8, 0, 1)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("layer 0 has 8 units");
            assertThatThrownBy(() -> trainer.setWeight(2, 0, 6, 1)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("layer 2 has 6 inputs");
            assertThatThrownBy(() -> trainer.setWeight(0, 0, -1, 1)).isInstanceOf(BadInputException.class);
            assertThatThrownBy(() -> trainer.setWeight(0, 0, 0, Float.NaN)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("finite");
            assertThat(bits(trainer.model())).isEqualTo(bits(NET));
        }
    }
}
