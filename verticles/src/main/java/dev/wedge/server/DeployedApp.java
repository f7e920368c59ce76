package dev.wedge.server;

import dev.wedge.host.run.App;
import java.nio.file.Path;

/**
 * One version of an app loaded on this node: the app (which runs itself), where its module came from, and
 * the gate that bounds the app's concurrent requests (shared by its versions). When a newer version replaces
 * it, requests already in it finish on it (each holds its compiled module for its run) and new ones go to the
 * new version.
 *
 * @param version the deployed version number; 0 for an app of the config file
 */
public final class DeployedApp {

    private final App app;
    private final Path source;
    private final AppGate gate;
    private final int version;
    private final boolean enabled;

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
}
