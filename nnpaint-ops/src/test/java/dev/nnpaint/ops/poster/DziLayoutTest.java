package dev.nnpaint.ops.poster;

import dev.nnpaint.BadInputException;
import dev.nnpaint.paint.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DziLayoutTest {

    @Test
    void levelsHalveDownToOnePixelRoundingUp() {
        DziLayout layout = new DziLayout(768, 512, 256, 1);
        assertThat(layout.maxLevel()).isEqualTo(10); // 2^10 = 1024 is the first power of two >= 768
        int[] widths = new int[11];
        int[] heights = new int[11];
        for (int level = 0; level <= 10; level++) {
            widths[level] = layout.levelWidth(level);
            heights[level] = layout.levelHeight(level);
        }
        assertThat(widths).containsExactly(1, 2, 3, 6, 12, 24, 48, 96, 192, 384, 768);
        assertThat(heights).containsExactly(1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512);
        assertThat(layout.columns(10)).isEqualTo(3);
        assertThat(layout.rows(10)).isEqualTo(2);
        assertThat(layout.columns(9)).isEqualTo(2); // 384 = one whole tile and one of 128
        assertThat(layout.region(new TileKey(9, 1, 0))).isEqualTo(new Region(255, 0, 129, 256));
    }

    @Test
    void tilesGrowByTheOverlapOnlyTowardsNeighbours() {
        DziLayout layout = new DziLayout(1024, 1024, 256, 2);
        assertThat(layout.region(new TileKey(10, 0, 0))).isEqualTo(new Region(0, 0, 258, 258));
        assertThat(layout.region(new TileKey(10, 1, 2))).isEqualTo(new Region(254, 510, 260, 260));
        assertThat(layout.region(new TileKey(10, 3, 3))).isEqualTo(new Region(766, 766, 258, 258));
        assertThat(layout.region(new TileKey(0, 0, 0))).isEqualTo(new Region(0, 0, 1, 1));
    }

    @Test
    void tilesListEveryTileOnceCoarsestFirst() {
        DziLayout layout = new DziLayout(1024, 512, 128, 1);
        List<TileKey> tiles = layout.tiles();
        assertThat(tiles).hasSize((int) layout.tileCount());
        assertThat(new HashSet<>(tiles)).hasSameSizeAs(tiles);
        assertThat(tiles.get(0)).isEqualTo(new TileKey(0, 0, 0));
        assertThat(tiles.get(tiles.size() - 1)).isEqualTo(new TileKey(10, 7, 3));
        for (int i = 1; i < tiles.size(); i++) {
            assertThat(tiles.get(i).level()).isGreaterThanOrEqualTo(tiles.get(i - 1).level());
        }
        // levels 0..7 fit one tile each (up to 128 x 64), 8: 2x1, 9: 4x2, 10: 8x4
        assertThat(layout.tileCount()).isEqualTo(8 + 2 + 8 + 32);
    }

    @Test
    void withoutOverlapTheTopLevelTilesCoverEachPixelOnce() {
        DziLayout layout = new DziLayout(512, 256, 128, 0);
        Set<Long> covered = new HashSet<>();
        for (TileKey t : layout.tiles()) {
            if (t.level() == layout.maxLevel()) {
                Region r = layout.region(t);
                for (int y = r.y(); y < r.y() + r.height(); y++) {
                    for (int x = r.x(); x < r.x() + r.width(); x++) {
                        assertThat(covered.add((long) y * 512 + x)).isTrue();
                    }
                }
            }
        }
        assertThat(covered).hasSize(512 * 256);
    }

    @Test
    void theDescriptorIsDeepZoomXml() {
        assertThat(new DziLayout(65536, 32768, 256, 1).descriptor()).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<Image xmlns=\"http://schemas.microsoft.com/deepzoom/2008\" Format=\"png\" Overlap=\"1\" "
                        + "TileSize=\"256\">\n"
                        + "  <Size Width=\"65536\" Height=\"32768\"/>\n"
                        + "</Image>\n");
    }

    @Test
    void theGigapixelPosterHasSeventeenLevels() {
        DziLayout layout = new DziLayout(65536, 65536, 256, 1);
        assertThat(layout.maxLevel()).isEqualTo(16);
        assertThat(layout.columns(16)).isEqualTo(256);
        // one tile for each of levels 0..8 (up to 256 px), then 4^1 + ... + 4^8 for levels 9..16
        assertThat(layout.tileCount()).isEqualTo(9 + 87_380);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1000 | 1000 | 256 | 1 | its sides must be multiples of 256 (such as 1024)",
            "1024 | 700  | 256 | 1 | (such as 1024x768)",
            "1024 | 1024 | 8   | 1 | tiles must be 16 to 4096 pixels, got 8",
            "1024 | 1024 | 256 | 9 | tile overlap must be 0 to 8 pixels, got 9",
            "0    | 1024 | 256 | 1 | a poster's sides must be 1 to 1048576 pixels",
    })
    void sizesThatDoNotFitTheTileSchemeAreRefusedWithAHint(int w, int h, int tile, int overlap, String message) {
        assertThatThrownBy(() -> new DziLayout(w, h, tile, overlap))
                .isInstanceOf(BadInputException.class).hasMessageContaining(message);
    }
}
