package dev.nnpaint.cli;

import dev.nnpaint.cli.RenderCommandTest.Result;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PredictCommandTest {

    @TempDir
    Path dir;

    private Path model;

    /** sigmoid(2x - y + 0.5) and, as a second output, tanh(x + y): outputs anyone can check by hand. */
    @BeforeEach
    void writeModel() {
        model = dir.resolve("model.json");
        Model m = new Model(List.of("x", "y"), List.of(new Layer(2, 2, new float[] {2, -1, 1, 1},
                new float[] {0.5f, 0}, new Activation[] {Activation.SIGMOID, Activation.TANH})));
        ModelJson.write(model, m, null);
    }

    @Test
    void writesTheModelsOutputsForEachRowReadingColumnsByName() throws Exception {
        Path points = dir.resolve("points.csv");
        Files.writeString(points, "y,id,x\n0,a,0\n1,b,2\n-3,c,-1\n");
        Path predictions = dir.resolve("p.csv");
        Result r = run("predict", "--quiet", "--model", model.toString(), "--data", points.toString(),
                "-o", predictions.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("x,y,output_0,output_1");
        double[][] xy = {{0, 0}, {2, 1}, {-1, -3}};
        for (int i = 0; i < 3; i++) {
            String[] cells = lines.get(i + 1).split(",");
            double x = xy[i][0];
            double y = xy[i][1];
            assertThat(Double.parseDouble(cells[0])).isEqualTo(x);
            assertThat(Double.parseDouble(cells[1])).isEqualTo(y);
            assertThat(Double.parseDouble(cells[2])).isCloseTo(1 / (1 + Math.exp(-(2 * x - y + 0.5))), within(1e-5));
            assertThat(Double.parseDouble(cells[3])).isCloseTo(Math.tanh(x + y), within(1e-5));
        }
    }

    @Test
    void aModelWithInputFeaturesComputesThemFromXAndY() throws Exception {
        // 3 x^2 - y^2 + 0.5 x y + sin(5 y) - 1, read from the features x2, y2, xy, siny
        Model m = new Model(List.of("x", "y"), List.of(Layer.of(4, 1, new float[] {3, -1, 0.5f, 1},
                new float[] {-1}, Activation.IDENTITY)), Encoding.Features.of("x2", "y2", "xy", "siny"), null);
        Path featured = dir.resolve("featured.json");
        ModelJson.write(featured, m, null);
        Path points = dir.resolve("points.csv");
        Files.writeString(points, "x,y\n0,0\n1,2\n-0.5,0.3\n");
        Path predictions = dir.resolve("p.csv");
        Result r = run("predict", "--quiet", "--model", featured.toString(), "--data", points.toString(),
                "-o", predictions.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("x,y,output_0");
        double[][] xy = {{0, 0}, {1, 2}, {-0.5, 0.3}};
        for (int i = 0; i < 3; i++) {
            double x = xy[i][0];
            double y = xy[i][1];
            double expected = 3 * x * x - y * y + 0.5 * x * y + Math.sin(5 * y) - 1;
            assertThat(Double.parseDouble(lines.get(i + 1).split(",")[2])).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void columnsCanBeNamedForTheModelsInputs() throws Exception {
        Path points = dir.resolve("moons.csv");
        Files.writeString(points, "x1,x2,label\n0.5,-1,1\n");
        Path predictions = dir.resolve("p.csv");
        Result r = run("predict", "--quiet", "--model", model.toString(), "--data", points.toString(),
                "--columns", "x1,x2", "-o", predictions.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("x1,x2,output_0,output_1");
        assertThat(Double.parseDouble(lines.get(1).split(",")[3])).isCloseTo(Math.tanh(-0.5), within(1e-5));

        Result wrong = run("predict", "--quiet", "--model", model.toString(), "--data", points.toString(),
                "--columns", "x1", "-o", predictions.toString());
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("--columns names 1 column but the model has 2 inputs (x, y)");
    }

    @Test
    void manyRowsComeOutInOrder() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i / 1000.0).append(",0\n");
        }
        Path points = dir.resolve("many.csv");
        Files.writeString(points, csv);
        Path predictions = dir.resolve("many-out.csv");
        assertThat(run("predict", "--quiet", "--model", model.toString(), "--data", points.toString(),
                "-o", predictions.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines).hasSize(5001);
        String[] last = lines.get(5000).split(",");
        assertThat(Double.parseDouble(last[3])).isCloseTo(Math.tanh(4.999), within(1e-5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "text in a column   | 'x,y\n1,2\nhello,3\n' | line 3: column 'x' needs a number, got 'hello'",
            "a ragged row       | 'x,y\n1,2\n3\n'        | line 3: 1 fields, but the header has 2",
            "a missing column   | 'x,z,w\n1,2,3\n'       | the model reads x, y but the file has no column y",
            "an empty file      | ''                     | the file is empty"})
    void badRowsGetOneLineAndExitCode2(String name, String content, String message) throws Exception {
        Path points = dir.resolve("bad.csv");
        Files.writeString(points, content);
        Path predictions = dir.resolve("never.csv");
        Result r = run("predict", "--quiet", "--model", model.toString(), "--data", points.toString(),
                "-o", predictions.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").hasLineCount(1);
        assertThat(predictions).doesNotExist();
    }

    @Test
    void aMissingModelFileIsOneLine() {
        Result r = run("predict", "--quiet", "--model", dir.resolve("nope.json").toString(), "--data",
                dir.resolve("points.csv").toString(), "-o", dir.resolve("p.csv").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.json").hasLineCount(1);
    }
}
