package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.web.Limits;
import dev.nnpaint.web.WebServer;
import dev.nnpaint.kernel.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code nnpaint serve}: the web explorer, a local server for a page that paints as the knobs turn. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Start the web explorer: open the printed address in a browser to paint live, share "
                + "links, download PNGs and keep a gallery.",
                "Everything the page needs is inside the jar; it works offline. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port to listen on (0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on; another than 127.0.0.1 lets other machines paint on this one.")
    String host;

    @Option(names = "--gallery", paramLabel = "DIR", defaultValue = "gallery",
            description = "Folder where 'save to gallery' writes its PNGs (created when first needed); the "
                    + "server writes no other file.")
    Path gallery;

    @Option(names = "--poster", paramLabel = "DIR", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "A poster folder written by 'nnpaint poster' to show in the zoom view (repeatable); "
                    + "one still being painted shows the tiles it has so far.")
    List<Path> posters = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Render threads per request (default: all cores).")
    Integer threads;

    @Option(names = "--kernel", paramLabel = "NAME",
            description = "vector or scalar (default: vector when the JVM has jdk.incubator.vector).")
    String kernel;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be from 0 to 65535, got " + port);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t <= 0) {
            throw new BadInputException("--threads must be positive, got " + t);
        }
        if (java.nio.file.Files.exists(gallery) && !java.nio.file.Files.isDirectory(gallery)) {
            throw new BadInputException("--gallery: '" + gallery + "' is not a folder");
        }
        WebServer server = WebServer.start(new WebServer.Config(host, port, gallery, Limits.defaults(),
                kernel == null ? Kernels.fastest() : Kernels.byName(kernel), t, posters));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stop nnpaint serve"));
        System.out.println("nnpaint explorer: " + server.url());
        System.out.println("gallery folder: " + gallery.toAbsolutePath().normalize());
        for (int n = 0; n < posters.size(); n++) {
            System.out.println("poster " + n + ": " + posters.get(n).toAbsolutePath().normalize() + " ("
                    + server.url() + "#zoom)");
        }
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            System.out.println("listening on " + host + ": anyone who can reach this address can use it");
        }
        System.out.println("press Ctrl-C to stop");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
