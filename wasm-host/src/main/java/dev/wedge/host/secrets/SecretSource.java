package dev.wedge.host.secrets;

import java.nio.file.Path;
import java.util.Map;

/** Where the values of an app's {@code secrets} come from, which depends on where the app is configured. */
public sealed interface SecretSource {

    /**
     * Written where the app is configured (a config file, the command line): text, slots, {@code {env: VAR}} or
     * {@code {file: PATH}}.
     *
     * @param environment where {@code env} values are looked up (the node's environment)
     * @param baseDir what {@code file} paths are relative to (the config file's folder)
     */
    record Written(Map<String, String> environment, Path baseDir) implements SecretSource {

        public Written {
            environment = Map.copyOf(environment);
        }
    }

    /**
     * Named by reference to the node's own secrets: a deploy's manifest, so that values never travel through
     * the admin API or the cluster, and a deployer cannot make the node read its files or environment.
     */
    record ByReference(Secrets node) implements SecretSource {}

    /** Written values, without an environment to look up: what a reader given no source takes. */
    SecretSource TEXT_ONLY = new Written(Map.of(), Path.of(""));
}
