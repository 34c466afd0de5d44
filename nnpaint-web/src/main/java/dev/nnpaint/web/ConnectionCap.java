package dev.nnpaint.web;

import org.eclipse.jetty.io.Connection;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a new connection at once when {@code max} are already open, so that a flood of idle or half-sent
 * connections costs the server a refused socket each rather than memory; the idle timeout closes the ones held.
 */
final class ConnectionCap implements Connection.Listener {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionCap(int max) {
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        if (open.incrementAndGet() > max) {
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}
