package dev.nnpaint.web;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Antialias;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rate limit, the session registry that keeps tabs apart, and the cost limits. */
class LimitsTest {

    @TempDir
    Path dir;

    @Test
    void aTokenBucketAllowsTheBurstThenTheRate() {
        RateLimiter r = new RateLimiter(10, 3, 0);
        assertThat(r.tryAcquire(0)).isTrue();
        assertThat(r.tryAcquire(0)).isTrue();
        assertThat(r.tryAcquire(0)).isTrue();
        assertThat(r.tryAcquire(0)).isFalse();
        assertThat(r.tryAcquire(50_000_000)).isFalse(); // half a token after 50 ms at 10 per second
        assertThat(r.tryAcquire(100_000_000)).isTrue();
        assertThat(r.tryAcquire(10_000_000_000L)).isTrue(); // refills to the burst, not beyond
        assertThat(r.tryAcquire(10_000_000_000L)).isTrue();
        assertThat(r.tryAcquire(10_000_000_000L)).isTrue();
        assertThat(r.tryAcquire(10_000_000_000L)).isFalse();
    }

    @Test
    void eachPageHasItsOwnNewestRenderAndRate() {
        Limits limits = new Limits(1 << 20, 1e9, 1000, 60, 1000, 1000, 1, 2, 1, 8);
        Pages pages = new Pages(limits);
        String idA = pages.mint();
        String idB = pages.mint();
        Pages.Page a = pages.visit(idA, "127.0.0.1", 0);
        Pages.Page b = pages.visit(idB, "127.0.0.1", 0);
        assertThat(a.claimRender(5L)).hasValue(5);
        assertThat(a.claimRender(4L)).isEmpty();
        assertThat(a.claimRender(5L)).hasValue(5); // a batch of renders may share a number
        assertThat(a.superseded(4)).isTrue();
        assertThat(a.superseded(5)).isFalse();
        assertThat(b.claimRender(1L)).hasValue(1);
        assertThat(pages.visit(idA, "127.0.0.1", 0)).isSameAs(a);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pages.visit(idA, "127.0.0.1", 0))
                .isInstanceOf(HttpProblem.class).hasMessage("too many requests from this page; slow down");
        assertThat(pages.visit(idB, "127.0.0.1", 0)).isSameAs(b); // b has its own bucket
    }

    @Test
    void aRenderWithoutANumberSupersedesEveryEarlierOne() {
        Pages pages = new Pages(Limits.defaults());
        Pages.Page a = pages.visit(pages.mint(), "127.0.0.1", 0);
        long first = a.claimRender(null).orElseThrow();
        long second = a.claimRender(null).orElseThrow();
        assertThat(a.superseded(first)).isTrue();
        assertThat(a.superseded(second)).isFalse();
        assertThat(a.claimRender(second - 1)).isEmpty();
    }

    @Test
    void madeUpPageIdsAreRefusedAndSubChannelsOfRealOnesAccepted() {
        Pages pages = new Pages(Limits.defaults());
        String id = pages.mint();
        assertThat(pages.visit(id + "-breed", "127.0.0.1", 0)).isNotSameAs(pages.visit(id, "127.0.0.1", 0));
        String forged = id.substring(0, 24) + "0123456789abcdef";
        for (String bad : new String[] {"pageAAAA", forged, id + "-Breed", id.toUpperCase(), new Pages(Limits.defaults()).mint()}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pages.visit(bad, "127.0.0.1", 0))
                    .as(bad).isInstanceOf(dev.nnpaint.BadInputException.class).hasMessageContaining("not an id");
        }
    }

    @Test
    void theLeastRecentlySeenPageMakesRoomForANewOne() {
        Limits limits = new Limits(1 << 20, 1e9, 1000, 60, 1000, 1000, 100, 100, 1, 2);
        Pages pages = new Pages(limits);
        String a = pages.mint();
        String b = pages.mint();
        String c = pages.mint();
        Pages.Page first = pages.visit(a, "127.0.0.1", 0);
        pages.visit(b, "127.0.0.1", 0);
        pages.visit(a, "127.0.0.1", 1); // a is now the more recent
        pages.visit(c, "127.0.0.1", 2); // b goes
        assertThat(pages.size()).isEqualTo(2);
        assertThat(pages.visit(a, "127.0.0.1", 3)).isSameAs(first);
        assertThat(pages.visit(b, "127.0.0.1", 4)).isNotNull(); // b comes back as a fresh page, c or a goes
        assertThat(pages.size()).isEqualTo(2);
    }

    @Test
    void aNewerPreviewFromThePageStopsTheOlderOne() throws Exception {
        // a preview that would take minutes, then a small one from the same page: the first stops with 409,
        // whether it was already rendering (it checks between bands) or arrives after the newer one
        Limits limits = new Limits(4096L * 4096, 1e15, 4096, 60, 10_000_000, 1000, 100, 100, 1, 8);
        try (TestServer server = new TestServer(dir, limits)) {
            String heavy = TestServer.recipeParam(dev.nnpaint.net.Recipe.builder().layers(8, 512).build());
            java.util.concurrent.CompletableFuture<HttpResponse<String>> first = server.client.sendAsync(
                    java.net.http.HttpRequest.newBuilder(server.uri("/api/render?" + heavy
                            + "&w=4096&h=4096&page=onePage&seq=1")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<byte[]> second = server.get("/api/render?" + heavy + "&w=8&h=8&page=onePage&seq=2");
            assertThat(second.statusCode()).isEqualTo(200);
            HttpResponse<String> stopped = first.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(stopped.statusCode()).isEqualTo(409);
            assertThat(stopped.body()).contains("superseded by a newer request from the same page");
        }
    }

    @Test
    void antiAliasingSamplesCountInTheCostOfAPixel() {
        assertThat(Limits.flopsPerPixel(1000, Antialias.OFF)).isEqualTo(1000);
        assertThat(Limits.flopsPerPixel(1000, Antialias.grid(4))).isEqualTo(16_000);
        // auto: the first 2 x 2 grid and, in the worst case, the refined 4 x 4 one in every pixel
        assertThat(Limits.flopsPerPixel(1000, Antialias.AUTO)).isEqualTo(20_000);

        // 10 s of painting a side at 1 sample, on the assumed speed: within the 60 s allowed, 16x it is not
        Limits limits = new Limits(1 << 20, 1e9, 100_000, 60, 1_000_000, 1000, 1, 2, 1, 8);
        long flops = 1000;
        int side = (int) Math.sqrt(10 * Limits.ASSUMED_FLOPS / flops);
        limits.checkDownload(side, side, flops, Antialias.OFF, false);
        limits.checkDownload(side, side, flops, Antialias.grid(2), false);
        assertThatThrownBy(() -> limits.checkDownload(side, side, flops, Antialias.grid(4), false))
                .isInstanceOf(BadInputException.class)
                .hasMessage("this image (" + side + "x" + side + ", 4x4 samples a pixel of 1,000 flop each) could "
                        + "take 3 minutes or more; tick 'force' to render it anyway");
        assertThatThrownBy(() -> limits.checkDownload(side, side, flops, Antialias.AUTO, false))
                .hasMessageContaining("up to 20 samples a pixel of 1,000 flop each");
        limits.checkDownload(side, side, flops, Antialias.grid(4), true);

        // a preview of 1000 x 1000 pixels at 1000 flop is the whole 1e9 budget; 2 x 2 samples are four times it
        limits.checkPreview(1000 * 1000, flops, Antialias.OFF);
        assertThatThrownBy(() -> limits.checkPreview(1000 * 1000, flops, Antialias.grid(2)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("this network is too heavy for a live preview (2x2 samples a pixel of 1,000 flop each);"
                        + " make it smaller or use less anti-aliasing");
    }

    @Test
    void aDownloadAskedForWithAntiAliasingIsCheckedAtItsCostOverHttp() throws Exception {
        // the default network at 4096 x 4096: about 7 s of the 60 allowed at one sample, 16 times that at 4 x 4
        Limits limits = new Limits(1 << 20, 1e9, 4096, 60, 1_000_000, 64 * 1024, 100, 100, 1, 8);
        try (TestServer server = new TestServer(dir, limits)) {
            Recipe plain = Recipe.builder().size(4096, 4096).build();
            Recipe smooth = plain.toBuilder().antialias(Antialias.grid(4)).build();
            assertThat(Limits.estimatedSeconds(4096L * 4096, plain.toModel().flopsPerSample())).isBetween(4.0, 30.0);
            HttpResponse<String> ok = server.getText("/api/download?" + TestServer.recipeParam(plain) + "&check=true");
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> refused = server.getText("/api/download?" + TestServer.recipeParam(smooth)
                    + "&check=true");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("4x4 samples a pixel").contains("tick 'force'");
            HttpResponse<String> forced = server.getText("/api/download?" + TestServer.recipeParam(smooth)
                    + "&force=true&check=true");
            assertThat(forced.statusCode()).isEqualTo(200);

            // a preview of 256 x 256 fits the 1e9 budget at one sample, not at 4 x 4
            HttpResponse<byte[]> preview = server.get("/api/render?" + TestServer.recipeParam(plain) + "&w=256&h=256");
            assertThat(preview.statusCode()).isEqualTo(200);
            HttpResponse<String> heavy = server.getText("/api/render?" + TestServer.recipeParam(smooth)
                    + "&w=256&h=256");
            assertThat(heavy.statusCode()).isEqualTo(400);
            assertThat(heavy.body()).contains("too heavy for a live preview (4x4 samples a pixel");
        }
    }

    @Test
    void tooManyRequestsFromOnePageGet429OverHttp() throws Exception {
        Limits limits = new Limits(1 << 20, 40e9, 1000, 60, 1_000_000, 1000, 0.001, 3, 1, 8);
        try (TestServer server = new TestServer(dir, limits)) {
            int[] codes = new int[5];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = server.getText("/api/stats?page=busyPage&recipe=%7B%7D").statusCode();
            }
            assertThat(codes).containsExactly(200, 200, 200, 429, 429);
            HttpResponse<String> r = server.getText("/api/stats?page=busyPage&recipe=%7B%7D");
            assertThat(r.body()).isEqualTo("{\"error\":\"too many requests from this page; slow down\",\"status\":429}");
            assertThat(server.getText("/api/stats?page=otherPage&recipe=%7B%7D").statusCode()).isEqualTo(200);
        }
    }
}
