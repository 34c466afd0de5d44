package dev.nnpaint.ops.sweep;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.PngText;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepFolderTest {

    @TempDir
    Path dir;

    private static SweepEntry entry(int index, String name, Recipe r) {
        return new SweepEntry(index, name, RecipeJson.toCompactJson(r), null);
    }

    @Test
    void rendersAFineEntryAndReportsABrokenOneWithoutWriting() throws Exception {
        SweepFolder folder = SweepFolder.prepare(dir.resolve("out/nested"));
        SweepEntry fine = entry(1, "fine", Recipe.builder().seed(3).size(40, 24).color("gray").build());
        SweepEntry broken = new SweepEntry(2, "broken", null, "seed: expected an integer");

        SweepResult ok = folder.render(fine, Kernels.byName("scalar"), 1);
        SweepResult bad = folder.render(broken, Kernels.byName("scalar"), 1);

        assertThat(ok.written()).isTrue();
        BufferedImage img = ImageIO.read(folder.imageOf(fine).toFile());
        assertThat(img.getWidth()).isEqualTo(40);
        assertThat(img.getHeight()).isEqualTo(24);
        assertThat(PngText.read(folder.imageOf(fine)).get("nnpaint")).contains("\"seed\":3");
        assertThat(bad.problem()).isEqualTo("seed: expected an integer");
        assertThat(Files.exists(folder.dir().resolve("broken.png"))).isFalse();
    }

    @Test
    void theSameEntryRenderedTwiceWithOtherThreadsWritesTheSameBytes() throws Exception {
        SweepFolder folder = SweepFolder.prepare(dir);
        SweepEntry e = entry(1, "twice", Recipe.builder().seed(8).size(70, 50).build());
        folder.render(e, Kernels.fastest(), 1);
        byte[] first = Files.readAllBytes(folder.imageOf(e));
        folder.render(e, Kernels.fastest(), 3);
        assertThat(Files.readAllBytes(folder.imageOf(e))).isEqualTo(first);
    }

    @Test
    void indexShowsDifferingFieldsAndListsBrokenEntriesEscaped() throws Exception {
        SweepFolder folder = SweepFolder.prepare(dir);
        SweepEntry a = entry(1, "a", Recipe.builder().seed(1).size(16, 16).build());
        SweepEntry b = entry(2, "b", Recipe.builder().seed(2).size(16, 16).build());
        SweepEntry bad = new SweepEntry(3, "<x>", null, "name '<x>' is not a safe file name");
        // Results arrive in any order (from parallel workers); the page lists them by index.
        folder.writeIndex(List.of(new SweepResult(b, null, 0.1), new SweepResult(bad, bad.problem(), 0),
                new SweepResult(a, null, 0.1)));

        String html = Files.readString(folder.index());
        assertThat(html.indexOf("src=\"a.png\"")).isPositive().isLessThan(html.indexOf("src=\"b.png\""));
        assertThat(html).contains("<span class=\"field\">seed</span> 2")
                .contains("All images: <span class=\"field\">inputs</span> x,y,r")
                .contains("<span class=\"field\">hidden</span> 8x16")
                .contains("1 broken entry")
                .contains("entry 3 (&lt;x&gt;)</b>: name &#39;&lt;x&gt;&#39; is not a safe file name")
                .doesNotContain("<x>");
        // Under each picture only what differs: the shared fields are said once above the grid.
        String caption = html.substring(html.indexOf("<figcaption>"), html.indexOf("</figcaption>"));
        assertThat(caption).isEqualTo("<figcaption><b>a</b><br><span class=\"field\">seed</span> 1");
    }

    @Test
    void aFileInPlaceOfTheFolderIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThatThrownBy(() -> SweepFolder.prepare(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("it is a file");
        assertThatThrownBy(() -> SweepFolder.prepare(file.resolve("sub"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot create folder");
    }

    @Test
    void prepareRemovesTemporaryFilesAKilledRunLeft() throws Exception {
        Path stale = Files.writeString(dir.resolve(".a.png.tmp-3f2a"), "half");
        Path mine = Files.writeString(dir.resolve("notes.txt"), "keep");
        SweepFolder.prepare(dir);
        assertThat(Files.exists(stale)).isFalse();
        assertThat(Files.exists(mine)).isTrue();
    }
}
