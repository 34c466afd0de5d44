package dev.nnpaint.cli;

import dev.nnpaint.cli.RenderCommandTest.Result;
import dev.nnpaint.ops.format.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    @TempDir
    Path dir;

    private Result train(String... args) {
        List<String> all = new ArrayList<>(List.of("train", "--quiet"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    @Test
    void writesModelHistoryAndPicturesThatRenderCanPaint() throws Exception {
        Path out = dir.resolve("moons");
        Result r = train("--data", "moons", "--samples", "300", "--layers", "2-16-16-1", "--activation", "tanh",
                "--optimizer", "adam", "--lr", "0.02", "--batch", "32", "--epochs", "40", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();

        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertThat(history.get(0)).isEqualTo("epoch,train_loss,train_accuracy,test_loss,test_accuracy");
        assertThat(history).hasSize(42);
        String[] last = history.get(41).split(",");
        assertThat(Double.parseDouble(last[4])).as("test accuracy").isGreaterThan(0.8);
        assertThat(Double.parseDouble(last[1])).isLessThan(Double.parseDouble(history.get(1).split(",")[1]));

        BufferedImage boundary = ImageIO.read(out.resolve("boundary.png").toFile());
        BufferedImage curves = ImageIO.read(out.resolve("curves.png").toFile());
        assertThat(boundary.getWidth()).isGreaterThan(300);
        assertThat(curves.getWidth()).isGreaterThan(curves.getHeight());
        assertThat(distinctColours(boundary)).as("shaded regions, points and axes").isGreaterThan(50);

        assertThat(ModelJson.read(out.resolve("model.json")).model().inputNames()).containsExactly("x", "y");
        Path painted = dir.resolve("painted.png");
        Result paint = run("render", "--quiet", "--model", out.resolve("model.json").toString(), "--size", "64",
                "--extent", "2", "-o", painted.toString());
        assertThat(paint.code()).as(paint.err()).isZero();
        assertThat(distinctColours(ImageIO.read(painted.toFile()))).isGreaterThan(10);
    }

    @Test
    void theSameSeedGivesTheSameHistoryWithAnyThreadCount() throws Exception {
        String[] common = {"--data", "spiral", "--classes", "3", "--samples", "300", "--layers", "2-24-3",
                "--activation", "tanh", "--optimizer", "momentum", "--lr", "0.05", "--batch", "50", "--epochs", "15"};
        List<String> one = new ArrayList<>(List.of(common));
        one.addAll(List.of("--threads", "1", "--out", dir.resolve("one").toString()));
        List<String> two = new ArrayList<>(List.of(common));
        two.addAll(List.of("--threads", "2", "--out", dir.resolve("two").toString()));
        assertThat(train(one.toArray(String[]::new)).code()).isZero();
        assertThat(train(two.toArray(String[]::new)).code()).isZero();
        assertThat(Files.readString(dir.resolve("two/history.csv")))
                .isEqualTo(Files.readString(dir.resolve("one/history.csv")));
        assertThat(Files.readString(dir.resolve("two/model.json")))
                .isEqualTo(Files.readString(dir.resolve("one/model.json")));
    }

    @Test
    void acceptsThePlainNumpyArticlesArchitectureList() throws Exception {
        Path arch = dir.resolve("arch.json");
        Files.writeString(arch, "[{\"input_dim\": 2, \"output_dim\": 8, \"activation\": \"relu\"},\n"
                + " {\"input_dim\": 8, \"output_dim\": 1, \"activation\": \"sigmoid\"}]");
        Path out = dir.resolve("arch-out");
        Result r = train("--arch", arch.toString(), "--epochs", "5", "--samples", "100", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ModelJson.read(out.resolve("model.json")).model().layers()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "text in a numeric column | 'x,y,label\n1,2,0\n3,oops,1\n' | line 3: column 'y' needs a number, got 'oops'",
            "a ragged row             | 'x,y,label\n1,2,0\n3,4\n'      | line 3: 2 fields, but the header has 3",
            "an empty file            | ''                             | the file is empty",
            "one class only           | 'x,y,label\n1,2,0\n3,4,0\n'    | has only one class",
            "no label column          | 'x,y,z\n1,2,0\n3,4,1\n'        | no column 'label'"})
    void badCsvGetsOneLineWithWhereItIs(String name, String content, String message) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, content);
        Result r = train("--data", csv.toString(), "--epochs", "1", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").hasLineCount(1);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "--layers 3-4-1                | layer 1 takes 3 inputs but the data has 2 features",
            "--layers 2-4-x-1              | 'x' is not a whole number",
            "--activation swish           | unknown activation",
            "--optimizer rmsprop           | unknown optimizer 'rmsprop'",
            "--lr 1e6 --activation relu    | training diverged at epoch",
            "--data nosuchset              | neither a built-in set",
            "--batch 16                    | gd trains on the full batch",
            "--test-split 1.5              | test split must be a fraction",
            "--data spiral --classes 3 --layers 2-8-1 | needs 2 classes, but the data has 3",
            "--data plane --loss bce       | binary cross-entropy needs class labels",
            "--batch 0 --optimizer sgd     | --batch must be at least 1, got 0",
            "--data plane --output-activation softmax | softmax is for classes",
            "--features x2,z              | --features x2,z: unknown feature 'z'; valid: x, y, x2, y2, xy, sinx, siny",
            "--features x2,x2             | x2 is given twice",
            "--features x2,y2 --layers 3-1 | layer 1 takes 3 inputs but --features x2,y2 makes 2",
            "--features x2,y2 --standardize | --features and --standardize do not go together",
            "--l1 -0.5                    | --l1 must be a number >= 0, got -0.5",
            "--l2 -1                      | --l2 must be a number >= 0, got -1"})
    void badSettingsGetOneLineAndWriteNothing(String args, String message) {
        Path out = dir.resolve("never");
        List<String> all = new ArrayList<>(List.of(args.trim().split(" +")));
        all.addAll(List.of("--epochs", "50", "--samples", "200", "--out", out.toString()));
        Result r = train(all.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    /**
     * Playground's lesson: circles are one sigmoid unit's job once it sees x² and y². The command is the one
     * docs/train.md shows, run as it is there (into a folder of the test's own).
     */
    @Test
    void circlesAreSolvedByX2AndY2WithNoHiddenLayer() throws Exception {
        Path page = MarkdownDocs.projectRoot().resolve("docs/train.md");
        List<String> words = MarkdownDocs.commands("docs/train.md", MarkdownDocs.lines(page), Set.of("./nnpaint"))
                .stream().map(MarkdownDocs.Command::words).filter(w -> w.contains("--features")).findFirst()
                .orElseThrow();
        assertThat(words).containsSequence("--features", "x2,y2").containsSequence("--layers", "2-1");
        Path out = dir.resolve("circles");
        List<String> args = new ArrayList<>(words.subList(2, words.size()));
        args.set(args.indexOf("--out") + 1, out.toString());
        Result r = train(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        String[] last = history.get(history.size() - 1).split(",");
        assertThat(Double.parseDouble(last[4])).as("test accuracy").isGreaterThan(0.95);
        assertThat(Files.readString(out.resolve("model.json"))).contains("\"type\": \"features\"");
        assertThat(out.resolve("model.onnx")).exists();

        // without the features the same unit can only cut the plane in two
        Path plain = dir.resolve("plain");
        Result p = train("--data", "circles", "--layers", "2-1", "--optimizer", "adam", "--lr", "0.1", "--epochs",
                "300", "--out", plain.toString());
        assertThat(p.code()).as(p.err()).isZero();
        List<String> plainHistory = Files.readAllLines(plain.resolve("history.csv"));
        assertThat(Double.parseDouble(plainHistory.get(plainHistory.size() - 1).split(",")[4])).isLessThan(0.75);

        // the painted model is a disc: inside (class 1) and outside differ
        Path painted = dir.resolve("disc.png");
        Result paint = run("render", "--quiet", "--model", out.resolve("model.json").toString(), "--size", "64",
                "--extent", "1.5", "-o", painted.toString());
        assertThat(paint.code()).as(paint.err()).isZero();
        BufferedImage disc = ImageIO.read(painted.toFile());
        assertThat(disc.getRGB(32, 32)).isNotEqualTo(disc.getRGB(1, 1));
        assertThat(disc.getRGB(1, 1)).isEqualTo(disc.getRGB(62, 62));
    }

    @Test
    void l1AndL2ReachTheTrainedWeights() throws Exception {
        String[] common = {"--data", "xor", "--layers", "2-8-1", "--activation", "tanh", "--optimizer", "adam",
            "--lr", "0.03", "--epochs", "100", "--samples", "200"};
        List<String> models = new ArrayList<>();
        for (String[] extra : new String[][] {{}, {"--l1", "0.01"}, {"--l2", "0.01"}}) {
            Path out = dir.resolve("reg" + models.size());
            List<String> args = new ArrayList<>(List.of(common));
            args.addAll(List.of(extra));
            args.addAll(List.of("--out", out.toString()));
            Result r = train(args.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            models.add(Files.readString(out.resolve("model.json")));
        }
        assertThat(models).doesNotHaveDuplicates();
    }

    @Test
    void anArchitectureThatDoesNotChainNamesTheLayer() throws Exception {
        Path arch = dir.resolve("arch.json");
        Files.writeString(arch, "[{\"input_dim\": 2, \"output_dim\": 5, \"activation\": \"relu\"},"
                + "{\"input_dim\": 4, \"output_dim\": 1, \"activation\": \"sigmoid\"}]");
        Result r = train("--arch", arch.toString(), "--epochs", "1", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("arch.json: layer 2 takes 4 inputs but layer 1 has 5 outputs");
    }

    @Test
    void anArchitectureThatDoesNotFitTheDataNamesTheLayer() throws Exception {
        Path arch = dir.resolve("arch3.json");
        Files.writeString(arch, "[{\"input_dim\": 3, \"output_dim\": 5, \"activation\": \"relu\"},"
                + "{\"input_dim\": 5, \"output_dim\": 1, \"activation\": \"sigmoid\"}]");
        Result r = train("--arch", arch.toString(), "--epochs", "1", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("layer 1 takes 3 inputs but the data has 2 features (x, y)").hasLineCount(1);
    }

    @Test
    void aTestFileWithOtherColumnsIsRejected() throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, "a,b,label\n1,2,0\n3,4,1\n5,6,0\n");
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "a,c,label\n1,2,0\n");
        Result r = train("--data", train.toString(), "--test-data", test.toString(), "--epochs", "1", "--out",
                dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("test.csv: no column 'b'").hasLineCount(1);
    }

    private static int distinctColours(BufferedImage img) {
        return (int) java.util.Arrays.stream(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0,
                img.getWidth())).distinct().count();
    }

    @Test
    void epochsWhoseHistoryWouldNotFitInMemoryAreRefusedInOneLine() {
        Path out = dir.resolve("never");
        Result r = train("--epochs", "300000000", "--samples", "100", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: --epochs 300,000,000 keeps a history row for every epoch")
                .doesNotContain("Exception").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void aRunEstimatedToTakeHoursNeedsForce() {
        Path out = dir.resolve("never");
        Result r = train("--epochs", "1000000", "--layers", "2-512-512-512-1", "--samples", "5000", "--out",
                out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("this training (1,000,000 epochs of 4,500 samples through 2-512-512-512-1)")
                .contains("add --force").hasLineCount(1);
        assertThat(out).doesNotExist();
    }
}
