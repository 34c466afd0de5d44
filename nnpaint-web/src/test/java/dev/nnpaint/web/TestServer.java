package dev.nnpaint.web;

import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A server on an ephemeral port of 127.0.0.1 with a gallery folder in a temporary directory, and a client. */
final class TestServer implements AutoCloseable {

    final WebServer server;
    final Path gallery;
    final HttpClient client = HttpClient.newHttpClient();

    TestServer(Path gallery, Limits limits) throws IOException {
        this.gallery = gallery;
        this.server = WebServer.start(new WebServer.Config("127.0.0.1", 0, gallery, limits, Kernels.fastest(), 2));
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> getText(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String pathAndQuery, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String recipeParam(Recipe r) {
        return "recipe=" + encode(RecipeJson.toCompactJson(r));
    }

    static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** The recipe a PNG carries, read the way {@code nnpaint render --from} reads it. */
    static Recipe recipeInside(byte[] png, Path scratch) throws IOException {
        Path file = Files.createTempFile(scratch, "web", ".png");
        Files.write(file, png);
        return ImageMetadata.read(file).recipe().build();
    }

    @Override
    public void close() {
        server.close();
    }
}
