package dev.wedge.server;

import dev.wedge.host.run.App;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One version of an app loaded on this node: the app (which runs itself), where its module came from, and
 * the gate that bounds the app's concurrent requests (shared by its versions). When a newer version replaces
 * it, it is retired: requests already in it finish, new ones go to the new version, and its compiled module is
 * released after the last one.
 *
 * @param version the deployed version number; 0 for an app of the config file
 */
public final class DeployedApp {

    private final App app;
    private final Path source;
    private final AppGate gate;
    private final int version;
    private final boolean enabled;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean retired;

    public DeployedApp(App app, Path source, AppGate gate, int version, boolean enabled) {
        this.app = app;
        this.source = source;
        this.gate = gate;
        this.version = version;
        this.enabled = enabled;
    }

    public DeployedApp(App app, Path source, AppGate gate) {
        this(app, source, gate, 0, true);
    }

    public String name() {
        return app.name();
    }

    public App app() {
        return app;
    }

    public Path source() {
        return source;
    }

    public AppGate gate() {
        return gate;
    }

    public int version() {
        return version;
    }

    /** A disabled app keeps its routes and answers 503 until it is enabled again. */
    public boolean enabled() {
        return enabled;
    }

    /** Counts a request in; false once retired (look the route up again). Pair a true with {@link #exit}. */
    boolean enter() {
        running.incrementAndGet();
        if (retired) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (running.decrementAndGet() == 0 && retired) {
            release();
        }
    }

    /** No new requests; the module is released once the running ones are done. */
    public void retire() {
        retired = true;
        if (running.get() == 0) {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            app.release();
        }
    }
}
