package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;

/**
 * Writes an RGB TIFF of 8 or 16 bits a channel with the JDK's own TIFF writer (Java 9 and later), deflate
 * compressed, with the print resolution in dots an inch when one is given. Unlike the PNG writer it needs the
 * whole image in memory, so it refuses images of more than {@link #MAX_BYTES} bytes of samples.
 */
public final class TiffWriter {

    /** The most sample bytes a TIFF is painted into in memory (a 16-bit 16384 x 8192 image). */
    public static final long MAX_BYTES = 1L << 30;

    private TiffWriter() {
    }

    /** Whether a file name asks for a TIFF: *.tif or *.tiff, in any case. */
    public static boolean named(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }

    /** Refuses an image too big to hold in memory, with the sizes that would fit. */
    public static void checkSize(int width, int height, int depth) {
        long bytes = (long) width * height * 3 * depth / 8;
        if (bytes > MAX_BYTES) {
            throw new BadInputException("a " + width + "x" + height + " TIFF at " + depth + " bits needs "
                    + bytes / (1 << 20) + " MB in memory, more than the " + MAX_BYTES / (1 << 20)
                    + " MB a TIFF may take; write a PNG, which streams");
        }
    }

    /**
     * @param rgb interleaved RGB rows, top first: one byte a sample at depth 8, two (most significant first) at 16
     */
    public static void write(OutputStream out, int width, int height, byte[] rgb, OutputFormat format)
            throws IOException {
        int depth = format.depth();
        checkSize(width, height, depth);
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                false, Transparency.OPAQUE, depth == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        if (depth == 16) {
            short[] samples = ((DataBufferUShort) raster.getDataBuffer()).getData();
            for (int k = 0; k < samples.length; k++) {
                samples[k] = (short) ((rgb[2 * k] & 0xff) << 8 | (rgb[2 * k + 1] & 0xff));
            }
        } else {
            byte[] samples = ((DataBufferByte) raster.getDataBuffer()).getData();
            System.arraycopy(rgb, 0, samples, 0, samples.length);
        }
        BufferedImage image = new BufferedImage(model, raster, false, null);

        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        if (!writers.hasNext()) {
            throw new IOException("this Java has no TIFF writer");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            if (format.dpiGiven()) {
                TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
                BaselineTIFFTagSet tags = BaselineTIFFTagSet.getInstance();
                long[][] resolution = {{Math.round(format.dpi() * 1000), 1000}};
                dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION),
                        TIFFTag.TIFF_RATIONAL, 1, resolution));
                dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION),
                        TIFFTag.TIFF_RATIONAL, 1, resolution));
                dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT),
                        BaselineTIFFTagSet.RESOLUTION_UNIT_INCH));
                metadata = dir.getAsMetadata();
            }
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
        out.flush();
    }
}
