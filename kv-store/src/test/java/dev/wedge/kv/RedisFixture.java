package dev.wedge.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the embedded-redis jar's redis 6.2 binary) on a free loopback port, without persistence.
 * Redis cannot report a port it chose itself, so the fixture picks a free one and copes with losing it: another
 * process may bind it before Redis does, or, while Redis is stopped, a client's connection attempt may hold it.
 */
public final class RedisFixture implements AutoCloseable {

    /** Fresh ports tried by the first start before giving up. */
    private static final int FIRST_START_PORTS = 5;
    /** How long a restart keeps trying to bind its old port. */
    private static final Duration RESTART_PATIENCE = Duration.ofSeconds(30);
    private static final long RESTART_BACKOFF_MILLIS = 100;

    private int port;
    private RedisServer server;

    public RedisFixture() {
        IOException lastFailure = null;
        for (int attempt = 0; attempt < FIRST_START_PORTS; attempt++) {
            port = freePort();
            try {
                launch();
                return;
            } catch (IOException e) {
                lastFailure = rethrowUnlessPortTaken(e);
            }
        }
        throw new UncheckedIOException("redis found no free port in " + FIRST_START_PORTS + " tries", lastFailure);
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts again on the same port (clients keep its URL); returns once Redis says it is ready. */
    public void start() {
        long deadline = System.nanoTime() + RESTART_PATIENCE.toNanos();
        while (true) {
            try {
                launch();
                return;
            } catch (IOException e) {
                rethrowUnlessPortTaken(e);
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("redis could not bind port " + port + " again", e);
                }
            }
            backOff();
        }
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server != null && server.isActive()) {
            stop();
        }
    }

    /** One try: the start fails, with Redis's output in the failure, unless Redis said it is ready. */
    private void launch() throws IOException {
        server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
    }

    /** Redis's own words are in the message of the start failure's cause. */
    private static IOException rethrowUnlessPortTaken(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("Address already in use")) {
                return failure;
            }
        }
        throw new UncheckedIOException(failure);
    }

    /** A pause between bind attempts, so whatever holds the port can let go; nothing else waits on it. */
    private static void backOff() {
        try {
            Thread.sleep(RESTART_BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting redis", e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
