package dev.nnpaint.ops.anim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** GIFs written by nnpaint, read back with the JDK's own GIF decoder. */
class GifRoundTripTest {

    @TempDir
    Path dir;

    /** A frame with smooth gradients in all three channels that shift with the frame number. */
    static byte[] gradientFrame(int width, int height, int frame) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = 3 * (y * width + x);
                rgb[p] = (byte) (255 * x / (width - 1));
                rgb[p + 1] = (byte) (255 * y / (height - 1));
                rgb[p + 2] = (byte) ((40 * frame + 128 * (x + y) / (width + height)) % 256);
            }
        }
        return rgb;
    }

    /** Frames, delays (hundredths of a second) and whether the NETSCAPE2.0 loop extension is present. */
    record Decoded(List<BufferedImage> frames, List<Integer> delays, boolean loops, int width, int height) {
    }

    static Decoded read(Path gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            List<BufferedImage> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            boolean loops = false;
            for (int i = 0; i < n; i++) {
                frames.add(reader.read(i));
                IIOMetadata meta = reader.getImageMetadata(i);
                Node root = meta.getAsTree("javax_imageio_gif_image_1.0");
                for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c.getNodeName().equals("GraphicControlExtension")) {
                        delays.add(Integer.parseInt(attribute(c, "delayTime")));
                    }
                    if (c.getNodeName().equals("ApplicationExtensions")) {
                        for (Node e = c.getFirstChild(); e != null; e = e.getNextSibling()) {
                            loops |= "NETSCAPE".equals(attribute(e, "applicationID"))
                                    && "2.0".equals(attribute(e, "authenticationCode"));
                        }
                    }
                }
            }
            Node screen = reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0");
            int width = 0;
            int height = 0;
            for (Node c = screen.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c.getNodeName().equals("LogicalScreenDescriptor")) {
                    width = Integer.parseInt(attribute(c, "logicalScreenWidth"));
                    height = Integer.parseInt(attribute(c, "logicalScreenHeight"));
                }
            }
            return new Decoded(frames, delays, loops, width, height);
        } finally {
            reader.dispose();
        }
    }

    private static String attribute(Node n, String name) {
        Node a = n.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    private Path write(String name, int width, int height, List<byte[]> frames, AnimationSettings settings) {
        Path gif = dir.resolve(name);
        AnimationWriter.write(gif.toString(), width, height, settings, frames.size(), 2, frames::get,
                AnimationWriter.Progress.NONE);
        return gif;
    }

    @Test
    void framesComeBackWithTheirSizeCountDelaysLoopAndColours() throws Exception {
        int w = 61;
        int h = 37;
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            frames.add(gradientFrame(w, h, i));
        }
        Path gif = write("run.gif", w, h, frames, new AnimationSettings(30, true, Dither.ORDERED, "made by a test"));

        Decoded d = read(gif);
        assertThat(d.width()).isEqualTo(w);
        assertThat(d.height()).isEqualTo(h);
        assertThat(d.frames()).hasSize(7);
        // 30 fps: frames end at 3.3, 6.7, 10, 13.3, ... hundredths, rounded 3, 7, 10, 13, 17, 20, 23
        assertThat(d.delays()).containsExactly(3, 4, 3, 3, 4, 3, 3);
        assertThat(d.loops()).isTrue();
        for (int i = 0; i < 7; i++) {
            BufferedImage img = d.frames().get(i);
            assertThat(img.getWidth()).isEqualTo(w);
            byte[] source = frames.get(i);
            // The decoder must show exactly the palette colours the encoder chose for each pixel ...
            AdaptivePalette palette = AdaptivePalette.of(source, w * h);
            byte[] indices = Dither.ORDERED.indices(source, w, h, palette);
            int[] got = img.getRGB(0, 0, w, h, null, 0, w);
            for (int p = 0; p < w * h; p++) {
                assertThat(got[p] & 0xffffff).as("frame %d pixel %d", i, p).isEqualTo(palette.color(indices[p] & 0xff));
            }
            // ... and those follow the source: per pixel within the dithering noise, over 4x4 blocks closely.
            double sum = 0;
            double blockSum = 0;
            int blocks = 0;
            for (int by = 0; by + 4 <= h; by += 4) {
                for (int bx = 0; bx + 4 <= w; bx += 4) {
                    for (int c = 0; c < 3; c++) {
                        double diff = 0;
                        for (int y = by; y < by + 4; y++) {
                            for (int x = bx; x < bx + 4; x++) {
                                int p = y * w + x;
                                int delta = (got[p] >> (16 - 8 * c) & 0xff) - (source[3 * p + c] & 0xff);
                                diff += delta;
                                sum += Math.abs(delta);
                            }
                        }
                        blockSum += Math.abs(diff / 16);
                    }
                    blocks++;
                }
            }
            assertThat(sum / (3.0 * 16 * blocks)).as("frame %d mean error per channel", i).isLessThan(7);
            assertThat(blockSum / (3.0 * blocks)).as("frame %d 4x4 block error per channel", i).isLessThan(2.5);
        }
    }

    @Test
    void aOnceAnimationHasNoLoopExtensionAndItsDelaysFollowTheFrameRate() throws Exception {
        List<byte[]> frames = List.of(gradientFrame(8, 8, 0), gradientFrame(8, 8, 1), gradientFrame(8, 8, 2));
        Decoded d = read(write("once.gif", 8, 8, frames, new AnimationSettings(8, false, Dither.FS, null)));
        assertThat(d.frames()).hasSize(3);
        assertThat(d.loops()).isFalse();
        // 8 fps: frames end at 12.5, 25, 37.5 hundredths, rounded: 13, 25, 38
        assertThat(d.delays()).containsExactly(13, 12, 13);
    }

    @Test
    void fewColoursAreStoredExactlyEvenWhenTheCodeTableFillsAndResets() throws Exception {
        // 256 colours of noise: no dithering is needed, and LZW finds few repeats, so its table fills many times.
        int w = 300;
        int h = 200;
        Random random = new Random(7);
        int[] palette = new int[256];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = random.nextInt(1 << 24);
        }
        byte[] rgb = new byte[w * h * 3];
        int[] expected = new int[w * h];
        for (int p = 0; p < w * h; p++) {
            int c = palette[random.nextInt(256)];
            expected[p] = c;
            rgb[3 * p] = (byte) (c >> 16);
            rgb[3 * p + 1] = (byte) (c >> 8);
            rgb[3 * p + 2] = (byte) c;
        }
        Decoded d = read(write("noise.gif", w, h, List.of(rgb), AnimationSettings.of(10)));
        int[] got = d.frames().get(0).getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0; p < w * h; p++) {
            assertThat(got[p] & 0xffffff).as("pixel %d", p).isEqualTo(expected[p]);
        }
        assertThat(Files.size(dir.resolve("noise.gif"))).isGreaterThan(w * h / 2);
    }

    @Test
    void delaysAddUpToTheRightTotalAtAwkwardFrameRates() {
        for (double fps : new double[] {7, 24, 30, 50, 0.5}) {
            int total = 0;
            for (int i = 0; i < 100; i++) {
                total += GifEncoder.delayOf(i, fps);
            }
            assertThat((double) total).as("fps %s", fps).isCloseTo(100 * 100 / fps, org.assertj.core.data.Offset.offset(1.0));
        }
    }
}
