package dev.nnpaint.cli;

import dev.nnpaint.cli.RenderCommandTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code nnpaint serve} refuses bad options with one line and exit code 2 before it starts listening. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private static void assertRefused(Result r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: ").contains(message).hasLineCount(1).doesNotContain("Exception");
    }

    @Test
    void badOptionsAreOneLineAndExitCode2() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertRefused(run("serve", "--port", "70000"), "--port must be from 0 to 65535, got 70000");
        assertRefused(run("serve", "--port", "http"), "Invalid value for option '--port': 'http' is not an int");
        assertRefused(run("serve", "--gallery", file.toString()), "--gallery: '" + file + "' is not a folder");
        assertRefused(run("serve", "--threads", "0"), "--threads must be positive, got 0");
        assertRefused(run("serve", "--host", "no-such-host.invalid", "--port", "0"),
                "--host: unknown address 'no-such-host.invalid'");
        assertRefused(run("serve", "--colour", "rgb"), "Unknown options: '--colour', 'rgb'");
    }

    @Test
    void aPortInUseIsNamedWithAHint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Result r = run("serve", "--port", Integer.toString(taken.getLocalPort()), "--gallery", dir.toString());
            assertRefused(r, "cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(r.err()).contains("try --port");
        }
    }
}
