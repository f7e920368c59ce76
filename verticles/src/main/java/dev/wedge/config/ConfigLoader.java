package dev.wedge.config;

import dev.wedge.admin.AdminConfig;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.app.QueueBinding;
import dev.wedge.host.limits.Limits;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.Queues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a node configuration from YAML or JSON (JSON is YAML), applies {@link EnvOverrides}, and checks every
 * value. Module paths are relative to {@code baseDir}. The format is described in docs/config.md.
 */
public final class ConfigLoader {

    private static final Set<String> TOP = Set.of("server", "admin", "logs", "defaults", "kv-stores", "queues",
            "apps");
    private static final Set<String> ADMIN = Set.of("host", "port", "token");
    private static final Set<String> SERVER = Set.of("host", "port", "workers", "engine");
    private static final Set<String> LIMITS =
            Set.of("memory-limit-mb", "timeout-ms", "max-body-bytes", "max-response-bytes");
    private static final Set<String> APP = Set.of("module", "kind", "engine", "routes", "env", "secrets",
            "memory-limit-mb", "timeout-ms", "max-body-bytes", "max-response-bytes", "max-concurrent", "kv-stores",
            "kv-data", "namespace", "publish", "triggers");

    private ConfigLoader() {}

    public static NodeConfig load(Path file, Map<String, String> environment) throws ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            Path base = file.toAbsolutePath().getParent();
            return load(in, file.toString(), base, environment);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static NodeConfig load(InputStream in, String source, Path baseDir, Map<String, String> environment)
            throws ConfigException {
        Map<String, Object> tree = parse(in, source);
        EnvOverrides.apply(tree, environment);
        return build(new Section("", tree), baseDir);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(InputStream in, String source) throws ConfigException {
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (document == null) {
                return new LinkedHashMap<>();
            }
            if (!(document instanceof Map)) {
                throw new ConfigException(source + ": the configuration must be a map at the top level");
            }
            return (Map<String, Object>) document;
        } catch (YAMLException e) {
            throw new ConfigException(source + " is not valid YAML or JSON: " + e.getMessage(), e);
        }
    }

    private static NodeConfig build(Section root, Path baseDir) throws ConfigException {
        root.allowOnly(TOP);
        Section server = root.section("server");
        server.allowOnly(SERVER);
        String engine = engine(server, "engine", WasmHost.ENGINES.get(0));
        Section defaults = root.section("defaults");
        defaults.allowOnly(LIMITS);
        Limits defaultLimits = limits(defaults, Limits.DEFAULT);
        Section storesSection = root.section("kv-stores");
        List<KvStoreConfig> stores = new ArrayList<>();
        for (String name : storesSection.keys()) {
            KvStoreConfig store = KvStoreSpecs.read(name, storesSection.section(name));
            stores.add(store.backend().equals("embedded") && store.location() != null
                    ? KvStoreConfig.of(name, store.backend(), baseDir.resolve(store.location()).toString())
                            .withPrefix(store.prefix()).withCache(store.cacheEntries(), store.cacheTtl())
                            .withTimeout(store.timeout()).withMaxValueBytes(store.maxValueBytes())
                    : store);
        }
        Set<String> storeNames = stores.stream().map(KvStoreConfig::name).collect(Collectors.toSet());
        Section queuesSection = root.section("queues");
        List<QueueConfig> queues = new ArrayList<>();
        for (String name : queuesSection.keys()) {
            queues.add(QueueSpecs.read(name, queuesSection.section(name), baseDir));
        }
        var bindable = new Bindable(storeNames, queues.stream().map(QueueConfig::name).collect(Collectors.toSet()));
        Section appsSection = root.section("apps");
        List<AppSpec> apps = new ArrayList<>();
        for (String name : appsSection.keys()) {
            apps.add(app(name, appsSection.section(name), defaultLimits, baseDir, bindable));
        }
        return new NodeConfig(
                server.string("host", NodeConfig.DEFAULT_HOST),
                (int) server.number("port", NodeConfig.DEFAULT_PORT, 0, 65535),
                (int) server.number("workers", NodeConfig.defaultWorkers(), 1, 4096),
                engine,
                stores,
                queues,
                apps,
                admin(root.section("admin")),
                logFile(root.section("logs"), baseDir));
    }

    private static Path logFile(Section logs, Path baseDir) throws ConfigException {
        logs.allowOnly(Set.of("file"));
        String file = logs.string("file", null);
        return file == null ? null : baseDir.resolve(file).normalize();
    }

    private static AdminConfig admin(Section admin) throws ConfigException {
        admin.allowOnly(ADMIN);
        return new AdminConfig(admin.string("host", NodeConfig.DEFAULT_HOST),
                (int) admin.number("port", AdminConfig.DEFAULT_PORT, 0, 65535), admin.string("token", null));
    }

    /** The names apps may bind to. */
    private record Bindable(Set<String> stores, Set<String> queues) {}

    private static AppSpec app(String name, Section app, Limits defaults, Path baseDir, Bindable bindable)
            throws ConfigException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ConfigException("app name '" + name + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
        app.allowOnly(APP);
        String module = app.string("module", null);
        if (module == null) {
            throw new ConfigException(app.key("module") + " is missing: the path of the app's .wasm file");
        }
        AppKind kind = null;
        String kindText = app.string("kind", null);
        if (kindText != null) {
            try {
                kind = AppKind.parse(kindText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(app.key("kind") + ": " + e.getMessage());
            }
        }
        List<RouteSpec> routes = new ArrayList<>();
        for (String route : app.list("routes")) {
            routes.add(RouteSpec.parse(route));
        }
        if (routes.isEmpty() && app.sections("triggers").isEmpty()) {
            throw new ConfigException(app.key("routes") + " is missing: e.g. routes: [/" + name + "]");
        }
        Set<String> bound = new LinkedHashSet<>(app.list("kv-stores"));
        for (String store : bound) {
            if (!bindable.stores().contains(store)) {
                throw new ConfigException(app.key("kv-stores") + ": no store '" + store + "' under kv-stores");
            }
        }
        Map<String, Path> kvData = new LinkedHashMap<>();
        for (var seed : app.strings("kv-data").entrySet()) {
            if (!bound.contains(seed.getKey())) {
                throw new ConfigException(app.key("kv-data") + ": store '" + seed.getKey()
                        + "' is not bound to the app");
            }
            kvData.put(seed.getKey(), baseDir.resolve(seed.getValue()).normalize());
        }
        String namespace = app.string("namespace", null);
        if (namespace != null && !Queues.validNamespace(namespace)) {
            throw new ConfigException(app.key("namespace") + ": use 1..64 of A-Z a-z 0-9 _ - (no dots)");
        }
        var queues = new QueueBinding(namespace, QueueSpecs.publishTopics(app, bindable.queues()));
        var config = new AppConfig(name, kind, app.strings("env"), app.strings("secrets"), limits(app, defaults),
                bound, queues);
        int maxConcurrent = (int) app.number("max-concurrent", 0, 0, 100_000);
        return new AppSpec(config, baseDir.resolve(module).normalize(), engine(app, "engine", null), routes,
                maxConcurrent, kvData, QueueSpecs.triggers(app, name, bindable.queues()));
    }

    private static Limits limits(Section section, Limits base) throws ConfigException {
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

    private static String engine(Section section, String key, String fallback) throws ConfigException {
        String engine = section.string(key, fallback);
        if (engine != null && !WasmHost.ENGINES.contains(engine)) {
            throw new ConfigException(section.key(key) + " must be one of " + WasmHost.ENGINES + ", not '" + engine
                    + "'");
        }
        return engine;
    }
}
