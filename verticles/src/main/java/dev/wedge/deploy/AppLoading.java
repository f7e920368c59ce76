package dev.wedge.deploy;

import dev.wedge.config.AppSpec;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.server.DeployedApp;

/**
 * What deploys need from the node that runs them: it owns the Wasm hosts, so it checks, compiles and loads
 * modules. Declared here so deploy does not depend on the node that assembles it. Every method blocks
 * (compiles), so each runs on a worker thread.
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
}
