package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.train.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model that reads input features keeps them in every file it is stored in. */
class FeatureModelFilesTest {

    @TempDir
    Path dir;

    static Model featured(String ids, String sizes) {
        return Architecture.parse(sizes, "tanh", "sigmoid").build(List.of("x", "y"),
                Encoding.Features.parseList(ids), 3, Init.parse("he-normal"), Init.normal(0.1));
    }

    @Test
    void theModelFileStoresTheFeaturesByName() {
        Model model = featured("x2,y2,sinx", "3-4-1");
        String json = ModelJson.toJson(model, "palette:viridis");
        assertThat(json).contains("\"format\": \"nnpaint.model/2\"")
                .contains("\"type\": \"features\",\n    \"features\": [\"x2\", \"y2\", \"sinx\"]\n")
                .contains("\"inputs\": [\"x\", \"y\"]");
        ModelJson.ModelFile read = ModelJson.fromJson(json, "m.json");
        assertThat(read.model()).isEqualTo(model);
        assertThat(read.model().encoding()).isEqualTo(Encoding.Features.of("x2", "y2", "sinx"));
        assertThat(read.color()).isEqualTo("palette:viridis");
        Path file = dir.resolve("m.json");
        ModelJson.write(file, model, null);
        assertThat(ModelFiles.read(file).model()).isEqualTo(model);
    }

    @Test
    void badFeatureEncodingsInAModelFileAreRefusedByName() {
        String layer = "\"layers\": [{\"activation\": \"sigmoid\", \"weights\": [[1, 2]], \"bias\": [0]}]}";
        String head = "{\"format\": \"nnpaint.model/2\", \"inputs\": [\"x\", \"y\"], ";
        assertThatThrownBy(() -> ModelJson.fromJson(head + "\"encoding\": {\"type\": \"features\", \"features\": "
                + "[\"x2\", \"cosx\"]}, " + layer, "m.json")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("m.json: encoding: unknown feature 'cosx'");
        assertThatThrownBy(() -> ModelJson.fromJson(head + "\"encoding\": {\"type\": \"features\"}, " + layer,
                "m.json")).isInstanceOf(BadInputException.class).hasMessageContaining("names of the input features");
        assertThatThrownBy(() -> ModelJson.fromJson(head + "\"encoding\": {\"type\": \"features\", \"features\": "
                + "[\"x2\", \"y2\", \"xy\"]}, " + layer, "m.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("layers[0]");
    }

    @Test
    void theCompactFormAndTheImageCarryTheFeatures() {
        Model model = featured("x,y,x2,y2,xy,sinx,siny", "7-5-3");
        byte[] bytes = ModelBinary.toBytes(model, "rgb");
        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("npmd\u0002");
        assertThat(ModelBinary.fromBytes(bytes, "m.npmodel").model()).isEqualTo(model);
        assertThat(ModelBinary.parameterCount(model)).isEqualTo(7 * 5 + 5 + 5 * 3 + 3);

        Recipe view = Recipe.builder().inputs(List.of("x", "y")).size(3, 2).build();
        Path png = dir.resolve("m.png");
        PngWriter.write(png, 3, 2, new byte[18], ImageMetadata.describeModel(view.toBuilder().color("rgb").build(), model, null));
        assertThat(ImageMetadata.read(png).model().model()).isEqualTo(model);
    }

    @Test
    void onnxComputesTheFeaturesWithItsOwnOperatorsAndReadsBackTheSameModel() {
        Model model = featured("x,x2,xy,siny", "4-6-1");
        byte[] onnx = OnnxModel.toBytes(model, "gray");
        String text = new String(onnx, StandardCharsets.ISO_8859_1);
        for (String op : new String[] {"Gather", "Mul", "Sin", "Concat", "Gemm", "nnpaint.encoding",
            "features:x,x2,xy,siny"}) {
            assertThat(text).as(op).contains(op);
        }
        ModelJson.ModelFile read = OnnxModel.fromBytes(onnx, "m.onnx");
        assertThat(read.model()).isEqualTo(model);
        assertThat(read.model().encoding()).isEqualTo(Encoding.Features.of("x", "x2", "xy", "siny"));
        assertThat(OnnxModel.canWrite(model)).isTrue();
    }
}
