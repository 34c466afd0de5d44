package dev.nnpaint.ops.poster;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Region;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class PosterTilesTest {

    private static PosterSpec spec(Recipe.Builder recipe) {
        return PosterSpec.of(recipe.size(256, 192).build(), null, 64, 1);
    }

    /** Each tile holds exactly the pixels of its level painted whole at that level's size: not a downscale. */
    @ParameterizedTest
    @ValueSource(strings = {"vector", "scalar"})
    void everyTileIsTheCropOfItsLevelPaintedWhole(String kernel) throws IOException {
        tilesAreCropsOfTheirLevels(Recipe.builder().seed(7).color("hsv").rotateDegrees(20).extent(0.7), kernel);
    }

    /** Anti-aliased deep-zoom tiles are crops of their level painted whole with the same anti-aliasing. */
    @ParameterizedTest
    @ValueSource(strings = {"2", "auto"})
    void antialiasedTilesAreCropsOfTheirLevelsPaintedWhole(String antialias) throws IOException {
        tilesAreCropsOfTheirLevels(Recipe.builder().seed(7).layers(6, 16)
                .weights(dev.nnpaint.net.Init.normal(2)).antialias(dev.nnpaint.paint.Antialias.parse(antialias)),
                "vector");
    }

    private static void tilesAreCropsOfTheirLevels(Recipe.Builder recipe, String kernel) throws IOException {
        PosterSpec spec = spec(recipe);
        PosterTiles tiles = new PosterTiles(spec, Kernels.byName(kernel));
        DziLayout layout = spec.layout();
        Painting painting = spec.painting();
        for (int level = 0; level <= layout.maxLevel(); level++) {
            Painting whole = painting.withView(painting.view().withSize(layout.levelWidth(level),
                    layout.levelHeight(level)));
            byte[] rgb = new Renderer(whole, new Evaluator(whole.model(), Kernels.byName(kernel)), 2, 100)
                    .renderRgb();
            for (int row = 0; row < layout.rows(level); row++) {
                for (int column = 0; column < layout.columns(level); column++) {
                    TileKey key = new TileKey(level, column, row);
                    Region r = layout.region(key);
                    BufferedImage tile = ImageIO.read(new ByteArrayInputStream(tiles.png(key)));
                    assertThat(tile.getWidth()).isEqualTo(r.width());
                    assertThat(tile.getHeight()).isEqualTo(r.height());
                    for (int y = 0; y < r.height(); y++) {
                        for (int x = 0; x < r.width(); x++) {
                            int p = 3 * ((r.y() + y) * whole.view().width() + r.x() + x);
                            int expected = (rgb[p] & 0xff) << 16 | (rgb[p + 1] & 0xff) << 8 | (rgb[p + 2] & 0xff);
                            assertThat(tile.getRGB(x, y) & 0xffffff).as("%s pixel %d,%d", key, x, y)
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aTilesBytesDependOnlyOnThePosterAndTheTile() {
        PosterSpec spec = spec(Recipe.builder().seed(3));
        TileKey key = new TileKey(8, 1, 1);
        byte[] first = new PosterTiles(spec, Kernels.byName("vector")).png(key);
        PosterSpec shipped = new PosterSpec(spec.recipeJson(), spec.modelJson(), spec.tileSize(), spec.overlap());
        assertThat(new PosterTiles(shipped, Kernels.byName("vector")).png(key)).isEqualTo(first);
    }

    @Test
    void grayPostersHaveGrayTiles() throws IOException {
        PosterSpec spec = spec(Recipe.builder().color("gray"));
        byte[] png = new PosterTiles(spec, Kernels.byName("vector")).png(new TileKey(8, 0, 0));
        assertThat(png[25]).as("PNG colour type").isEqualTo((byte) 0);
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getRaster().getNumBands()).isEqualTo(1);
    }
}
