package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.HashGrid;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.Execution;
import dev.nnpaint.ops.FitOperation;
import dev.nnpaint.ops.Progress;
import dev.nnpaint.train.FitModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compact model of npMd chunks and .npmodel sidecars: plain models as ever, encoded ones exactly. */
class ModelBinaryTest {

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(ModelBinaryTest.class.getResource("/model-bin/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The magic bytes and the decompressed stream: the format's content, whatever zlib compressed it. */
    private static byte[] content(byte[] compact) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(compact, 0, 5);
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(compact, 5,
                compact.length - 5))) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }

    private static String header(byte[] compact) throws IOException {
        byte[] c = content(compact);
        int length = ByteBuffer.wrap(c, 5, 4).getInt();
        return new String(c, 9, length, StandardCharsets.UTF_8);
    }

    /** Magic {@code npmd} and version, then {@code payload} deflated: a hand-made compact model. */
    private static byte[] compact(int version, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {'n', 'p', 'm', 'd', (byte) version});
        try (DeflaterOutputStream z = new DeflaterOutputStream(bytes, new Deflater())) {
            z.write(payload);
        }
        return bytes.toByteArray();
    }

    private static byte[] payload(String header, float... values) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + json.length + 4 * values.length);
        b.putInt(json.length).put(json);
        b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void aPlainModelIsWrittenExactlyAsBeforeEncodingsExisted() throws IOException {
        // the .npmodel files were written by nnpaint.model-bin/1's writer before encoded models existed; compared
        // after decompression, as another zlib may compress the same stream to other bytes
        Model recipe = Recipe.builder().seed(3).hidden(9, 4).color("hsv").build().toModel();
        byte[] before = Files.readAllBytes(resource("recipe-seed3-9x4-hsv.npmodel"));
        assertThat(content(ModelBinary.toBytes(recipe, "hsv"))).isEqualTo(content(before));
        assertThat(ModelBinary.fromBytes(before, "before").model()).isEqualTo(recipe);

        ModelJson.ModelFile mixed = ModelJson.read(resource("mixed.json"));
        assertThat(content(ModelBinary.toBytes(mixed.model(), mixed.color())))
                .isEqualTo(content(Files.readAllBytes(resource("mixed.npmodel"))));
        assertThat(content(ModelBinary.toBytes(mixed.model(), null)))
                .isEqualTo(content(Files.readAllBytes(resource("mixed-nocolor.npmodel"))));
        assertThat(ModelBinary.read(resource("mixed.npmodel"))).isEqualTo(mixed);
        assertThat(ModelBinary.toBytes(mixed.model(), "rgb")[4]).isEqualTo((byte) 1);
        assertThat(header(ModelBinary.toBytes(mixed.model(), "rgb"))).startsWith("{\"format\":\"nnpaint.model-bin/1\"")
                .doesNotContain("encoding");
    }

    private static List<Model> encodedModels() {
        Model pe = FitModels.build(new Encoding.Positional(3), new int[] {7}, Activation.RELU, 0, Activation.SIGMOID,
                3, 5);
        Model gauss = FitModels.build(new Encoding.Gaussian(6, 2.5, -8_765_432_109_876_543_211L), new int[] {5, 4},
                Activation.TANH, 0, Activation.SIGMOID, 1, 7);
        Model hash = FitModels.build(new Encoding.Hash(3, 2, 6, 4, 32), new int[] {8}, Activation.RELU, 0,
                Activation.SIGMOID, 3, 9);
        return List.of(pe, gauss, hash);
    }

    @Test
    void encodedModelsComeBackEqualWithTheirEncodingAndTables() throws IOException {
        for (Model model : encodedModels()) {
            String color = model.outputCount() == 3 ? "hsv" : "gray";
            byte[] bytes = ModelBinary.toBytes(model, color);
            assertThat(bytes[4]).as(model.encoding().spec()).isEqualTo((byte) 2);
            String header = header(bytes);
            assertThat(header).as(model.encoding().spec()).startsWith("{\"format\":\"nnpaint.model-bin/2\"")
                    .contains("\"encoding\":{\"type\":").doesNotContain("tables");
            ModelJson.ModelFile read = ModelBinary.fromBytes(bytes, "m.npmodel");
            assertThat(read.model()).as(model.encoding().spec()).isEqualTo(model);
            assertThat(read.color()).isEqualTo(color);
            // the same model as its JSON file gives
            assertThat(read.model()).isEqualTo(ModelJson.fromJson(ModelJson.toJson(model, color), "m.json").model());
        }
    }

    @Test
    void theHeaderDescribesTheEncodingAsTheModelFileDoesAndTheFrozenLayerIsNotStored() throws IOException {
        List<Model> models = encodedModels();
        Model gauss = models.get(1);
        String header = header(ModelBinary.toBytes(gauss, null));
        assertThat(header).contains("\"encoding\":{\"type\":\"gauss\",\"features\":6,\"sigma\":2.5,"
                + "\"seed\":-8765432109876543211}");
        // the frozen layer of sines is the spec's: only the trainable layers' numbers are stored
        assertThat(ModelBinary.parameterCount(gauss)).isEqualTo(12 * 5 + 5 + 5 * 4 + 4 + 4 + 1);
        Model hash = models.get(2);
        assertThat(header(ModelBinary.toBytes(hash, null))).contains("\"encoding\":{\"type\":\"hash\",\"levels\":3,"
                + "\"features\":2,\"log2_table\":6,\"base\":4,\"finest\":32}");
        assertThat(ModelBinary.parameterCount(hash)).isEqualTo(hash.grid().parameterCount() + 6 * 8 + 8 + 8 * 3 + 3);
        // the tables follow the layers, entry by entry, as float32
        byte[] content = content(ModelBinary.toBytes(hash, null));
        float[] last = hash.grid().tables()[2];
        ByteBuffer end = ByteBuffer.wrap(content, content.length - 4 * last.length, 4 * last.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] stored = new float[last.length];
        end.asFloatBuffer().get(stored);
        assertThat(stored).isEqualTo(last);
    }

    @Test
    void fittedModelsComeBackEqual() throws IOException {
        Path image = dir.resolve("astronaut-64.png");
        try (InputStream in = ModelBinaryTest.class.getResourceAsStream("/images/astronaut-64.png")) {
            Files.copy(in, image, StandardCopyOption.REPLACE_EXISTING);
        }
        for (String encoding : List.of("hash:4:2:10:4:64", "gauss:16:10")) {
            Path out = dir.resolve(encoding.substring(0, 4));
            FitOperation.Result fit = FitOperation.run(new FitOperation.Request(image, out, encoding, 0,
                    new int[] {16}, null, null, 3, null, 0, null, false, 1, false, null, 10,
                    new Execution(Kernels.fastest(), 2, false)), Progress.NONE);
            Path sidecar = dir.resolve(encoding.substring(0, 4) + ".npmodel");
            Files.write(sidecar, ModelBinary.toBytes(fit.model(), "rgb"));
            assertThat(ModelFiles.read(sidecar).model()).as(encoding).isEqualTo(fit.model());
        }
    }

    @Test
    void aHashGridTooLargeToTrustOrCutShortIsRefusedByName() throws IOException {
        String layer = ",\"layers\":[{\"activation\":\"sigmoid\",\"inputs\":64,\"outputs\":1,\"bias\":false}]}";
        String huge = "{\"format\":\"nnpaint.model-bin/2\",\"inputs\":[\"x\",\"y\"],\"encoding\":{\"type\":\"hash\","
                + "\"levels\":32,\"features\":2,\"log2_table\":24,\"base\":1,\"finest\":1048576}"
                + layer;
        float[] weights = new float[64];
        assertThatThrownBy(() -> ModelBinary.fromBytes(compact(2, payload(huge, weights)), "huge.npmodel"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("huge.npmodel: the compact model is "
                        + "damaged");
        String small = "{\"format\":\"nnpaint.model-bin/2\",\"inputs\":[\"x\",\"y\"],\"encoding\":{\"type\":\"hash\","
                + "\"levels\":1,\"features\":2,\"log2_table\":4,\"base\":2,\"finest\":2}"
                + ",\"layers\":[{\"activation\":\"sigmoid\",\"inputs\":2,\"outputs\":1,\"bias\":false}]}";
        // 9 entries of 2 features the table needs, only 5 numbers given
        assertThatThrownBy(() -> ModelBinary.fromBytes(compact(2, payload(small, 1, 2, 3, 4, 5, 6, 7)), "cut.npmodel"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("cut.npmodel: the compact model is damaged (data cut short)");
        float[] whole = new float[2 + 18];
        Arrays.fill(whole, 0.25f);
        Model model = ModelBinary.fromBytes(compact(2, payload(small, whole)), "ok.npmodel").model();
        assertThat(model.grid().tables()[0]).hasSize(18).containsOnly(0.25f);
    }

    @Test
    void headersThatDoNotMatchTheirVersionAreRefused() throws IOException {
        String plain = "{\"format\":\"nnpaint.model-bin/1\",\"inputs\":[\"x\"],"
                + "\"layers\":[{\"activation\":\"sigmoid\",\"inputs\":1,\"outputs\":1,\"bias\":false}]}";
        assertThat(ModelBinary.fromBytes(compact(1, payload(plain, 2f)), "a").model().layers().get(0).weights())
                .containsExactly(2f);
        // an encoding in a version-1 file, a version-2 file without one, a version this reader does not know
        String encoded = plain.replace("\"inputs\":[\"x\"],", "\"inputs\":[\"x\",\"y\"],\"encoding\":{\"type\":\"pe\","
                + "\"levels\":1},").replace("\"inputs\":1,", "\"inputs\":4,");
        assertThatThrownBy(() -> ModelBinary.fromBytes(compact(1, payload(encoded, 1, 2, 3, 4)), "b"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("b: the compact model is damaged");
        assertThat(ModelBinary.fromBytes(compact(2, payload(encoded.replace("bin/1", "bin/2"), 1, 2, 3, 4)), "c")
                .model().encoding()).isEqualTo(new Encoding.Positional(1));
        assertThatThrownBy(() -> ModelBinary.fromBytes(compact(2, payload(plain, 2f)), "d"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("d: the compact model is damaged");
        assertThatThrownBy(() -> ModelBinary.fromBytes(compact(3, payload(plain, 2f)), "e"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("e: a compact model of a newer format (nnpaint.model-bin/3); this version reads "
                        + "nnpaint.model-bin/1 and /2");
        assertThatThrownBy(() -> ModelBinary.fromBytes("hello".getBytes(StandardCharsets.UTF_8), "f"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("f: not an nnpaint compact model (nnpaint.model-bin)");
        // tables belong after the layers, not in the header
        String inline = "{\"format\":\"nnpaint.model-bin/2\",\"inputs\":[\"x\",\"y\"],\"encoding\":{\"type\":\"hash\","
                + "\"levels\":1,\"features\":2,\"log2_table\":4,\"base\":2,\"finest\":2,\"tables\":[\"\"]}"
                + ",\"layers\":[{\"activation\":\"sigmoid\",\"inputs\":2,\"outputs\":1,\"bias\":false}]}";
        assertThatThrownBy(() -> ModelBinary.fromBytes(compact(2, payload(inline, new float[20])), "g"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("g: the compact model is damaged");
    }

    @Test
    void aGridModelsSizeCountsItsTables() {
        HashGrid grid = HashGrid.initial(new Encoding.Hash(2, 2, 19, 1024, 2048), 1);
        Model model = new Model(List.of("x", "y"), List.of(dev.nnpaint.net.Layer.of(4, 3, new float[12], null,
                Activation.SIGMOID)), grid.spec(), grid);
        assertThat(ModelBinary.parameterCount(model)).isEqualTo(2L * 2 * (1 << 19) + 12);
    }
}
