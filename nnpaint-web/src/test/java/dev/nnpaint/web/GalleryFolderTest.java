package dev.nnpaint.web;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names from requests resolve inside the gallery folder or not at all. */
class GalleryFolderTest {

    @TempDir
    Path dir;

    @Test
    void plainNamesResolveDirectlyInsideTheFolder() {
        GalleryFolder g = new GalleryFolder(dir);
        assertThat(g.resolve("nnpaint-1-20260101-120000.png")).isEqualTo(dir.resolve("nnpaint-1-20260101-120000.png"));
        assertThat(g.resolve("a.b_c-d.png").getParent()).isEqualTo(dir);
    }

    @Test
    void namesThatCouldLeaveTheFolderAreRefused() {
        GalleryFolder g = new GalleryFolder(dir);
        for (String name : new String[] {"../x.png", "..png", "a/../../x.png", "/etc/x.png", "a\\..\\x.png",
                "..%2Fx.png", ".hidden.png", "x.png/", "x.txt", "", "a..b.png", "x.png\u0000.png"}) {
            assertThatThrownBy(() -> g.resolve(name)).as(name).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("not a gallery picture name");
        }
    }

    @Test
    void anAbsentFolderIsAnEmptyGallery() {
        assertThat(new GalleryFolder(dir.resolve("none")).list()).isEmpty();
    }
}
