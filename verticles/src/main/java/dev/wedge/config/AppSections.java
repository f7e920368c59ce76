package dev.wedge.config;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;

import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.app.QueueBinding;
import dev.wedge.host.limits.Limits;
import dev.wedge.queue.Queues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one app's settings, the same way for an app of a config file and for an app deployed through the admin
 * API (its manifest). They differ in three things: a config file names the module's path, may preload KV data
 * and subscribe triggers, and writes secret values; a deploy brings the module itself and names secrets by
 * reference to the node's {@code secrets:}, so values never travel through the API or the cluster.
 */
public final class AppSections {

    static final Set<String> LIMITS =
            Set.of("memory-limit-mb", "timeout-ms", "max-body-bytes", "max-response-bytes");
    private static final Set<String> COMMON = Set.of("kind", "engine", "routes", "env", "secrets",
            "memory-limit-mb", "timeout-ms", "max-body-bytes", "max-response-bytes", "max-concurrent", "kv-stores",
            "namespace", "publish");
    private static final Set<String> CONFIG_ONLY = Set.of("module", "kv-data", "triggers");

    private final Limits defaults;
    private final Set<String> storeNames;
    private final Set<String> queueNames;

    /** @param storeNames and @param queueNames what apps may bind to */
    public AppSections(Limits defaults, Set<String> storeNames, Set<String> queueNames) {
        this.defaults = defaults;
        this.storeNames = Set.copyOf(storeNames);
        this.queueNames = Set.copyOf(queueNames);
    }

    /** An app of a config file; module and data paths are relative to {@code baseDir}. */
    AppSpec fromConfig(String name, Section app, Path baseDir) throws ConfigException {
        checkName(name);
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(CONFIG_ONLY);
        app.allowOnly(allowed);
        String module = app.string("module", null);
        if (module == null) {
            throw new ConfigException(app.key("module") + " is missing: the path of the app's .wasm file");
        }
        AppConfig config = config(name, app, app.strings("secrets"), !app.sections("triggers").isEmpty());
        Map<String, Path> kvData = new LinkedHashMap<>();
        for (var seed : app.strings("kv-data").entrySet()) {
            if (!config.kvStores().contains(seed.getKey())) {
                throw new ConfigException(app.key("kv-data") + ": store '" + seed.getKey()
                        + "' is not bound to the app");
            }
            kvData.put(seed.getKey(), baseDir.resolve(seed.getValue()).normalize());
        }
        return new AppSpec(config, baseDir.resolve(module).normalize(), engine(app), routes(app),
                maxConcurrent(app), kvData, QueueSpecs.triggers(app, name, queueNames));
    }

    /**
     * An app deployed through the admin API.
     *
     * @param manifest the deploy's settings (docs/admin-api.md)
     * @param module where the node keeps the module
     * @param secretValues the node's secrets, which the manifest's {@code secrets} name by reference
     */
    public AppSpec fromManifest(String name, Map<String, Object> manifest, Path module,
            Map<String, String> secretValues) throws ConfigException {
        checkName(name);
        Section app = new Section("", manifest);
        for (String key : CONFIG_ONLY) {
            if (manifest.containsKey(key)) {
                throw new ConfigException(key + " is not allowed in a deploy"
                        + (key.equals("module") ? ": send the module itself or its module-url" : ": it is "
                        + "set in the node's config file only"));
            }
        }
        app.allowOnly(COMMON);
        Map<String, String> secrets = new LinkedHashMap<>();
        for (var reference : app.strings("secrets").entrySet()) {
            String value = secretValues.get(reference.getValue());
            if (value == null) {
                throw new ConfigException(app.key("secrets") + "." + reference.getKey() + ": the node has no secret '"
                        + reference.getValue() + "' (define it under secrets: in the node's config)");
            }
            secrets.put(reference.getKey(), value);
        }
        return new AppSpec(config(name, app, secrets, false), module, engine(app), routes(app), maxConcurrent(app),
                Map.of(), List.of());
    }

    public static void checkName(String name) throws ConfigException {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ConfigException("app name '" + name + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
    }

    private AppConfig config(String name, Section app, Map<String, String> secrets, boolean triggered)
            throws ConfigException {
        AppKind kind = null;
        String kindText = app.string("kind", null);
        if (kindText != null) {
            try {
                kind = AppKind.parse(kindText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(app.key("kind") + ": " + e.getMessage());
            }
        }
        if (app.list("routes").isEmpty() && !triggered) {
            throw new ConfigException(app.key("routes") + " is missing: e.g. routes: [/" + name + "]");
        }
        Set<String> bound = new LinkedHashSet<>(app.list("kv-stores"));
        for (String store : bound) {
            if (!storeNames.contains(store)) {
                throw new ConfigException(app.key("kv-stores") + ": no store '" + store + "' under kv-stores");
            }
        }
        String namespace = app.string("namespace", null);
        if (namespace != null && !Queues.validNamespace(namespace)) {
            throw new ConfigException(app.key("namespace") + ": use 1..64 of A-Z a-z 0-9 _ - (no dots)");
        }
        var queues = new QueueBinding(namespace, QueueSpecs.publishTopics(app, queueNames));
        return new AppConfig(name, kind, app.strings("env"), secrets, limits(app, defaults), bound, queues);
    }

    private static List<RouteSpec> routes(Section app) throws ConfigException {
        List<RouteSpec> routes = new ArrayList<>();
        for (String route : app.list("routes")) {
            routes.add(RouteSpec.parse(route));
        }
        return routes;
    }

    private static int maxConcurrent(Section app) throws ConfigException {
        return (int) app.number("max-concurrent", 0, 0, 100_000);
    }

    static Limits limits(Section section, Limits base) throws ConfigException {
        long memoryMb = section.number("memory-limit-mb", base.memoryBytes() / Limits.MIB, 1, Limits.MAX_MEMORY_MIB);
        long timeoutMs = section.number("timeout-ms", base.timeout().toMillis(), 1, 3_600_000);
        long maxBody = section.number("max-body-bytes", base.maxRequestBodyBytes(), 0, Integer.MAX_VALUE - 8);
        long maxResponse = section.number("max-response-bytes", base.maxResponseBodyBytes(), 0,
                Integer.MAX_VALUE - 8);
        return base.withMemoryBytes(memoryMb * Limits.MIB)
                .withTimeout(Duration.ofMillis(timeoutMs))
                .withMaxRequestBodyBytes(maxBody)
                .withMaxResponseBodyBytes(maxResponse);
    }

    static String engine(Section section, String key, String fallback) throws ConfigException {
        String engine = section.string(key, fallback);
        if (engine != null && !WasmHost.ENGINES.contains(engine)) {
            throw new ConfigException(section.key(key) + " must be one of " + WasmHost.ENGINES + ", not '" + engine
                    + "'");
        }
        return engine;
    }

    private static String engine(Section app) throws ConfigException {
        return engine(app, "engine", null);
    }
}
