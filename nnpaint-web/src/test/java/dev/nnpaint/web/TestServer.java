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
    /** Follows the page's redirect and keeps its cookie, as a browser does. */
    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .cookieHandler(new java.net.CookieManager()).build();

    TestServer(Path gallery, Limits limits) throws IOException {
        this.gallery = gallery;
        this.server = WebServer.start(new WebServer.Config("127.0.0.1", 0, gallery, limits, Kernels.fastest(), 2));
    }

    /**
     * The address of a path on the server with the server's token in its query, as a browser opens the address
     * {@code nnpaint serve} prints (the page then keeps the token in a cookie) and as a script may send it.
     */
    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + withToken(pageIds(pathAndQuery), server.token()));
    }

    /**
     * The tests name their pages ({@code page=trainplay}); a page's id comes from the server, so each name stands
     * for one id the server gave out, the same every time it is used. A name that is not a plain word stays as it
     * is, for the tests of refused ids.
     */
    private String pageIds(String pathAndQuery) {
        java.util.regex.Matcher m = PAGE_NAME.matcher(pathAndQuery);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = names.computeIfAbsent(m.group(2), k -> pageId()) + (m.group(3) == null ? "" : m.group(3));
            m.appendReplacement(out, m.group(1) + id);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final java.util.regex.Pattern PAGE_NAME = java.util.regex.Pattern.compile(
            "([?&]page=)([A-Za-z][A-Za-z0-9_]{5,30})(-[a-z]+)?(?=&|#|$)");
    private final java.util.Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    /** The id the server gave out for a page the tests call {@code name}. */
    String pageId(String name) {
        return names.computeIfAbsent(name, k -> pageId());
    }

    /** The address without the token: what a request from someone who does not hold it looks like. */
    URI bare(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    static String withToken(String pathAndQuery, String token) {
        int hash = pathAndQuery.indexOf('#');
        String head = hash < 0 ? pathAndQuery : pathAndQuery.substring(0, hash);
        String fragment = hash < 0 ? "" : pathAndQuery.substring(hash);
        return head + (head.contains("?") ? "&" : "?") + "token=" + token + fragment;
    }

    /** A page id the server gave out, as a page gets when it loads. */
    String pageId() {
        return server.pages().mint();
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
