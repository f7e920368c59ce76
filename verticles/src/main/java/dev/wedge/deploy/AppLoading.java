package dev.wedge.deploy;

import dev.wedge.config.AppSpec;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.server.DeployedApp;
import java.util.function.Predicate;

/**
 * What deploys need from the node that runs them: it owns the Wasm hosts, so it checks, compiles and loads
 * modules. Declared here so deploy does not depend on the node that assembles it. Every method but
 * {@link #deleted} may block (compile, dispose native code), so each runs on a worker thread.
 */
public interface AppLoading {

    /** Loads one version of an app on this node. */
    DeployedApp load(AppSpec spec, int version, boolean enabled) throws Exception;

    /**
     * Checks that a module loads with a configuration.
     *
     * @return the app kind the module turned out to be
     */
    String check(byte[] wasm, AppSpec spec) throws ModuleLoadException;

    /** Compiles a module ahead of the change that will name it. */
    void preload(byte[] wasm, AppSpec spec) throws Exception;

    /**
     * Closes the compiled modules no version runs any more whose sha256 {@code gone} accepts: their module left
     * this node.
     *
     * @return how many were closed
     */
    int evictCompiled(Predicate<String> gone);

    /**
     * The app was deleted: the node drops what it keeps by app name (its gate, meters, log lines), which would
     * otherwise pile up with every name ever deployed.
     */
    void deleted(String app);
}
