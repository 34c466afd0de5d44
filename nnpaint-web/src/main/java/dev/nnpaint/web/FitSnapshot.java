package dev.nnpaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.net.Model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One picture of a fit session for the page, encoded once by the session's driver: the step, the seconds spent
 * training, the PSNR over the training pixels (and over all pixels with a holdout), the PSNR curve and the
 * reconstruction as 8-bit RGB at the fitted size (base64 in the JSON). The model is kept with it, so that a
 * download or "open in paint" gets the very network whose picture the page shows.
 */
final class FitSnapshot {

    final Model model;
    final long step;
    final long version;
    /** The reconstruction, 8-bit RGB, row 0 first. */
    final byte[] rgb;
    private final byte[] fields;

    private FitSnapshot(Model model, long step, long version, byte[] rgb, byte[] fields) {
        this.model = model;
        this.step = step;
        this.version = version;
        this.rgb = rgb;
        this.fields = fields;
    }

    /**
     * @param curveSteps the steps of the curve's points, {@code train} and {@code test} their PSNR (test NaN
     *                   without a holdout), {@code points} of them in use
     */
    static FitSnapshot of(Model model, long step, long version, double seconds, double trainPsnr, double testPsnr,
                          double batchPsnr, long[] curveSteps, float[] train, float[] test, int points, byte[] rgb) {
        ObjectNode o = Http.JSON.createObjectNode();
        o.put("step", step);
        o.put("version", version);
        o.put("seconds", Math.round(seconds * 1000) / 1000.0);
        putNumber(o, "trainPsnr", trainPsnr);
        putNumber(o, "testPsnr", testPsnr);
        putNumber(o, "batchPsnr", batchPsnr);
        ObjectNode curve = o.putObject("curve");
        ArrayNode s = curve.putArray("step");
        ArrayNode tr = curve.putArray("train");
        ArrayNode te = curve.putArray("test");
        for (int i = 0; i < points; i++) {
            s.add(curveSteps[i]);
            tr.add(Math.round(train[i] * 100) / 100.0);
            if (Float.isFinite(test[i])) {
                te.add(Math.round(test[i] * 100) / 100.0);
            }
        }
        o.put("image", rgb);
        byte[] json;
        try {
            json = Http.JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // numbers and bytes always write
        }
        return new FitSnapshot(model, step, version, rgb, Arrays.copyOfRange(json, 1, json.length));
    }

    /** The session's state, then the picture. */
    byte[] json(ObjectNode state) {
        return join(state, fields);
    }

    /** The session's state and {@code unchanged}, for a page that already has this version. */
    byte[] unchanged(ObjectNode state) {
        return join(state, ("\"version\":" + version + ",\"step\":" + step + ",\"unchanged\":true}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] join(ObjectNode state, byte[] rest) {
        byte[] head;
        try {
            head = Http.JSON.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + rest.length);
        out.write(head, 0, head.length - 1);
        out.write(',');
        out.write(rest, 0, rest.length);
        return out.toByteArray();
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, Math.round(v * 1000) / 1000.0);
        } else {
            node.putNull(key);
        }
    }
}
