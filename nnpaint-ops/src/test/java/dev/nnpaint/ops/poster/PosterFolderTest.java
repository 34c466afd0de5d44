package dev.nnpaint.ops.poster;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PosterFolderTest {

    @TempDir
    Path dir;

    private static PosterSpec spec(long seed) {
        return PosterSpec.of(Recipe.builder().seed(seed).size(256, 256).build(), null, 64, 1);
    }

    private static PosterRenderer.Summary paint(Path folder, PosterSpec spec) {
        return PosterRenderer.render(PosterFolder.prepare(folder, spec),
                new PosterTiles(spec, Kernels.byName("vector")), 2, Renderer.Progress.NONE);
    }

    /** Every file under {@code root}, by relative path, with its bytes. */
    static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    @Test
    void aFinishedPosterHasItsManifestEveryTileAndTheDescriptor() throws IOException {
        PosterSpec spec = spec(1);
        Path poster = dir.resolve("p");
        PosterRenderer.Summary summary = paint(poster, spec);
        assertThat(summary.tilesPainted()).isEqualTo(spec.layout().tileCount());
        assertThat(summary.tilesKept()).isZero();
        Map<String, byte[]> files = files(poster);
        assertThat(files).containsKeys("poster.json", "poster.dzi", "poster_files/0/0_0.png",
                "poster_files/8/3_3.png");
        assertThat(files).hasSize((int) spec.layout().tileCount() + 2);
        assertThat(new String(files.get("poster.dzi"))).isEqualTo(spec.layout().descriptor());
        assertThat(new String(files.get("poster.json"))).contains("\"format\" : \"nnpaint.poster/1\"",
                "\"tileSize\" : 64", "\"seed\" : 1");
    }

    @Test
    void anInterruptedPosterResumesKeepingFinishedTilesAndEndsIdentical() throws IOException {
        PosterSpec spec = spec(2);
        Path whole = dir.resolve("whole");
        paint(whole, spec);

        // An interrupted run: the manifest, some tiles, no descriptor, and the temporary file of a killed write.
        Path resumed = dir.resolve("resumed");
        PosterFolder folder = PosterFolder.prepare(resumed, spec);
        PosterTiles tiles = new PosterTiles(spec, Kernels.byName("vector"));
        List<TileKey> all = spec.layout().tiles();
        for (TileKey t : all.subList(0, 10)) {
            folder.write(t, tiles.png(t));
        }
        Path kept = folder.tile(all.get(9));
        Files.writeString(kept, "kept as it is"); // a finished tile is never painted again
        Path stale = kept.resolveSibling(".3_3.png.tmp-1f2e3d");
        Files.writeString(stale, "half a tile");
        assertThat(folder.missing()).hasSize(all.size() - 10);

        PosterRenderer.Summary summary = paint(resumed, spec);
        assertThat(summary.tilesKept()).isEqualTo(10);
        assertThat(summary.tilesPainted()).isEqualTo(all.size() - 10);
        assertThat(stale).doesNotExist();
        assertThat(Files.readString(kept)).isEqualTo("kept as it is");
        Files.write(kept, Files.readAllBytes(whole.resolve("poster_files").resolve(all.get(9).relativePath())));
        Map<String, byte[]> expected = files(whole);
        Map<String, byte[]> actual = files(resumed);
        assertThat(actual).containsOnlyKeys(expected.keySet());
        expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void aFolderHoldingAnotherPosterIsNotTouched() throws IOException {
        Path poster = dir.resolve("p");
        paint(poster, spec(1));
        Map<String, byte[]> before = files(poster);
        assertThatThrownBy(() -> PosterFolder.prepare(poster, spec(2)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("holds another poster");
        assertThat(files(poster)).containsOnlyKeys(before.keySet());
    }

    @Test
    void aPosterResumesOnlyAtTheDepthItWasStartedWith() throws IOException {
        PosterSpec spec = spec(1);
        Path eight = dir.resolve("eight");
        PosterFolder.prepare(eight, spec);
        assertThat(Files.readString(eight.resolve("poster.json"))).doesNotContain("depth");
        Path sixteen = dir.resolve("sixteen");
        OutputFormat deep = new OutputFormat(16, 300);
        PosterFolder.prepare(sixteen, spec, deep);
        assertThat(Files.readString(sixteen.resolve("poster.json"))).contains("\"depth\" : 16", "\"dpi\" : 300.0");

        PosterFolder.prepare(sixteen, spec, deep); // the same poster resumes
        assertThatThrownBy(() -> PosterFolder.prepare(sixteen, spec))
                .isInstanceOf(BadInputException.class).hasMessageContaining("depth or dpi");
        assertThatThrownBy(() -> PosterFolder.prepare(eight, spec, deep))
                .isInstanceOf(BadInputException.class).hasMessageContaining("holds another poster");
    }

    @Test
    void aFolderWithOtherFilesOrAFileIsRefused() throws IOException {
        Path other = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(other.resolve("holiday.jpg"), "not a poster");
        assertThatThrownBy(() -> PosterFolder.prepare(other, spec(1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not empty and holds no poster");
        assertThat(other.resolve("poster.json")).doesNotExist();

        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThatThrownBy(() -> PosterFolder.prepare(file, spec(1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("it is a file, not a folder");
        assertThatThrownBy(() -> PosterFolder.prepare(file.resolve("sub"), spec(1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot create the poster folder");
    }

    @Test
    void theDescriptorWaitsForEveryTile() {
        PosterSpec spec = spec(1);
        PosterFolder folder = PosterFolder.prepare(dir.resolve("p"), spec);
        assertThatThrownBy(folder::finish).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(spec.layout().tileCount() + " tiles are missing");
        assertThat(folder.finished()).isFalse();
    }
}
