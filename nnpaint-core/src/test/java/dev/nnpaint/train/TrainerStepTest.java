package dev.nnpaint.train;

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

/** The trainer advanced one epoch at a time by its caller, against {@link Trainer#run}. */
class TrainerStepTest {

    /** 1200 training samples: three blocks for the full batch; batches of 700 make two blocks, the tail one. */
    private static final Dataset.Split SPIRAL = SyntheticData.SPIRAL.generate(1500, 0.2, 3, 3).split(0.2, 3);
    private static final Model SPIRAL_NET = Architecture.parse("2-32-32-3", "tanh", "softmax")
            .build(SPIRAL.train().featureNames(), 5, Init.parse("he-normal"), Init.parse("zero"));

    private static TrainSettings gd(int epochs, int threads) {
        return new TrainSettings(null, Optimizer.gd(0.1), epochs, 0, 9, threads, false);
    }

    private static TrainSettings adam(int epochs, int threads) {
        return new TrainSettings(null, Optimizer.adam(0.01), epochs, 700, 9, threads, false);
    }

    private static Trainer spiralTrainer(TrainSettings settings) {
        return new Trainer(SPIRAL_NET, SPIRAL.train(), SPIRAL.test(), settings);
    }

    private static TrainingResult stepped(Trainer trainer) {
        try (trainer) {
            while (!trainer.isFinished()) {
                trainer.step();
            }
            return trainer.result();
        }
    }

    /** Every weight and bias of a model, in layer order, as raw float bits. */
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
    void eachStepTrainsOneEpochAndAddsOneRowAfterTheFirstAddsRowZeroToo() {
        try (Trainer trainer = spiralTrainer(adam(3, 2))) {
            assertThat(trainer.epoch()).isZero();
            assertThat(trainer.history().rows()).isZero();
            assertThat(trainer.isFinished()).isFalse();
            assertThatThrownBy(trainer::result).isInstanceOf(IllegalStateException.class);

            trainer.step();
            assertThat(trainer.epoch()).isEqualTo(1);
            assertThat(trainer.history().rows()).isEqualTo(2);
            trainer.step();
            trainer.step();
            assertThat(trainer.epoch()).isEqualTo(3);
            assertThat(trainer.history().rows()).isEqualTo(4);
            assertThat(trainer.isFinished()).isTrue();
            assertThat(trainer.history().last().trainLoss()).isLessThan(trainer.history().row(0).trainLoss());
            assertThatThrownBy(trainer::step).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("all 3 epochs");
        }
    }

    @Test
    void withZeroEpochsTheOneStepEvaluatesTheUntrainedNetwork() {
        TrainingResult run = spiralTrainer(gd(0, 2)).run(Trainer.Listener.NONE);
        try (Trainer trainer = spiralTrainer(gd(0, 2))) {
            assertThat(trainer.isFinished()).isFalse();
            trainer.step();
            assertThat(trainer.isFinished()).isTrue();
            assertThat(trainer.epoch()).isZero();
            assertThat(trainer.history().rows()).isEqualTo(1);
            assertThat(trainer.history()).isEqualTo(run.history());
            assertThat(bits(trainer.model())).isEqualTo(bits(SPIRAL_NET));
        }
    }

    @Test
    void steppingToTheEndGivesTheSameHistoryAndWeightsAsRun() {
        for (TrainSettings settings : List.of(gd(12, 2), adam(12, 2))) {
            List<Integer> rowsSeen = new ArrayList<>();
            TrainingResult run = spiralTrainer(settings).run(h -> rowsSeen.add(h.rows()));
            TrainingResult stepped = stepped(spiralTrainer(settings));

            assertThat(rowsSeen).as("run tells the listener once per row, row 0 first")
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
            assertThat(stepped.history()).isEqualTo(run.history());
            assertThat(stepped.history().epochs()).isEqualTo(12);
            assertThat(bits(stepped.model())).isEqualTo(bits(run.model()));
            assertThat(bits(stepped.model())).isNotEqualTo(bits(SPIRAL_NET));
        }
    }

    @Test
    void historyAndWeightsAreBitIdenticalForOneTwoAndThreeThreadsSteppedOrRun() {
        for (boolean fullBatch : new boolean[] {true, false}) {
            TrainingResult reference = spiralTrainer(fullBatch ? gd(8, 1) : adam(8, 1)).run(Trainer.Listener.NONE);
            for (int threads = 1; threads <= 3; threads++) {
                TrainSettings settings = fullBatch ? gd(8, threads) : adam(8, threads);
                TrainingResult run = spiralTrainer(settings).run(Trainer.Listener.NONE);
                TrainingResult stepped = stepped(spiralTrainer(settings));
                for (TrainingResult r : List.of(run, stepped)) {
                    assertThat(r.history()).as("%s, %d threads", fullBatch ? "gd" : "adam", threads)
                            .isEqualTo(reference.history());
                    assertThat(bits(r.model())).as("%s, %d threads", fullBatch ? "gd" : "adam", threads)
                            .isEqualTo(bits(reference.model()));
                }
            }
            assertThat(reference.history().last().trainLoss()).isLessThan(reference.history().row(0).trainLoss());
        }
    }

    @Test
    void pausingThenContinuingGivesTheSameResultAsAnUninterruptedRun() {
        for (TrainSettings settings : List.of(gd(10, 2), adam(10, 2))) {
            Model[] atEpochFour = new Model[1];
            Trainer uninterrupted = spiralTrainer(settings);
            TrainingResult whole = uninterrupted.run(h -> {
                if (h.epochs() == 4) {
                    atEpochFour[0] = uninterrupted.model();
                }
            });

            try (Trainer paused = spiralTrainer(settings)) {
                for (int e = 0; e < 4; e++) {
                    paused.step();
                }
                // while it is paused the caller reads it and other training goes on
                Model snapshot = paused.model();
                History.Row row = paused.history().last();
                TrainingResult other = spiralTrainer(adam(3, 3)).run(Trainer.Listener.NONE);
                assertThat(other.history().epochs()).isEqualTo(3);

                assertThat(bits(snapshot)).isEqualTo(bits(atEpochFour[0]));
                assertThat(row).isEqualTo(whole.history().row(4));
                assertThat(paused.epoch()).isEqualTo(4);

                TrainingResult continued = paused.run(Trainer.Listener.NONE);
                assertThat(continued.history()).isEqualTo(whole.history());
                assertThat(bits(continued.model())).isEqualTo(bits(whole.model()));
            }
        }
    }

    @Test
    void closeEndsThePoolThreadsAndStepping() {
        Trainer trainer = spiralTrainer(gd(50, 3));
        trainer.step();
        List<Thread> threads = trainer.poolThreads();
        // three blocks and the test set's block: the caller and at most two helpers
        assertThat(threads).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(threads).allSatisfy(t -> {
            assertThat(t.getName()).startsWith("nnpaint-train-");
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.isAlive()).isTrue();
        });

        trainer.close();
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(trainer.poolThreads()).isEmpty();
        assertThatThrownBy(trainer::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        // what was trained stays readable
        assertThat(trainer.epoch()).isEqualTo(1);
        assertThat(trainer.result().history().rows()).isEqualTo(2);
        trainer.close();
    }

    @Test
    void runEndsThePoolThreadsWhenItReturns() {
        Trainer trainer = spiralTrainer(adam(2, 3));
        List<List<Thread>> seen = new ArrayList<>();
        trainer.run(h -> seen.add(trainer.poolThreads()));
        // after row 0 the pool was running; the last step ended it
        List<Thread> threads = seen.get(0);
        assertThat(threads).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(seen.get(seen.size() - 1)).isEmpty();
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(trainer.poolThreads()).isEmpty();
    }

    @Test
    void aSingleThreadStartsNoPool() {
        try (Trainer trainer = spiralTrainer(gd(2, 1))) {
            trainer.step();
            assertThat(trainer.poolThreads()).isEmpty();
        }
    }

    @Test
    void divergenceNamesTheEpochItHappenedInAndStopsStepping() {
        Dataset data = SyntheticData.PLANE.generate(2000, 0.05, 1);
        Model model = Architecture.parse("2-16-16-1", "relu", "identity").build(data.featureNames(), 1,
                Init.normal(1), Init.normal(1));
        TrainSettings settings = new TrainSettings(null, Optimizer.gd(50), 1000, 0, 1, 2, false);

        int runEpoch = -1;
        try {
            new Trainer(model, data, null, settings).run(Trainer.Listener.NONE);
        } catch (TrainingDivergedException e) {
            runEpoch = e.epoch();
        }
        assertThat(runEpoch).isBetween(1, 50);

        try (Trainer trainer = new Trainer(model, data, null, settings)) {
            TrainingDivergedException thrown = null;
            while (thrown == null && !trainer.isFinished()) {
                try {
                    trainer.step();
                } catch (TrainingDivergedException e) {
                    thrown = e;
                }
            }
            assertThat(thrown).isNotNull();
            assertThat(thrown.epoch()).isEqualTo(runEpoch);
            assertThat(thrown.epoch()).isEqualTo(trainer.epoch() + 1);
            assertThat(thrown).hasMessageContaining("epoch " + runEpoch + ":");
            // the rows before it are all there, and finite
            assertThat(trainer.history().rows()).isEqualTo(runEpoch);
            assertThat(trainer.history().last().trainLoss()).isFinite();
            assertThatThrownBy(trainer::step).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("epoch " + runEpoch);
            assertThat(trainer.poolThreads()).isEmpty();
        }
    }
}
