package dev.wedge.cli;

import dev.wedge.settings.ConfigException;
import dev.wedge.config.KvStoreSpecs;
import dev.wedge.config.QueueSpecs;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.app.QueueBinding;
import dev.wedge.host.limits.Limits;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.Queues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options that describe one app, shared by {@code run} and {@code call}. */
final class AppOptions {

    @Option(names = "--env", paramLabel = "K=V", description = "Environment variable for the app (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--secret", paramLabel = "K=V", description = "Secret for the app (repeatable).")
    Map<String, String> secrets = new LinkedHashMap<>();

    @Option(names = "--memory-limit", paramLabel = "MB", defaultValue = "128",
            description = "Guest memory cap in MiB (default: ${DEFAULT-VALUE}).")
    long memoryLimitMb;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "60000",
            description = "Deadline per request in milliseconds (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "Largest request body (default: 16 MiB).")
    Long maxBodyBytes;

    @Option(names = "--max-response", paramLabel = "BYTES", description = "Largest response body (default: 64 MiB).")
    Long maxResponseBytes;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "chicory",
            description = "Wasm engine: chicory or wasmtime (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "App kind: http, wagi or message (default: detected from the module's exports).")
    String kind;

    @Option(names = "--kv-store", paramLabel = "NAME=SPEC",
            description = {"Key-value store bound to the app (repeatable): NAME=redis://HOST:PORT[/prefix] or",
                "NAME=embedded[:DIR]. Default: default=embedded (in .wedge/kv)."})
    Map<String, String> kvStores = new LinkedHashMap<>();

    @Option(names = "--queue", paramLabel = "NAME=SPEC",
            description = {"Queue the app may publish to, any topic (repeatable): NAME=kafka://HOST:PORT or",
                "NAME=embedded[:DIR] (default DIR .wedge/queues)."})
    Map<String, String> queues = new LinkedHashMap<>();

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Namespace of the app's topics (default: the app's name).")
    String namespace;

    @Option(names = "--kv-data", paramLabel = "NAME=FILE.json",
            description = "Keys to load into the app's namespace of a store first (a JSON object; repeatable).")
    Map<String, Path> kvData = new LinkedHashMap<>();

    AppConfig toConfig(String name) {
        Limits limits = Limits.DEFAULT.withMemoryBytes(memoryLimitMb * Limits.MIB)
                .withTimeout(Duration.ofMillis(timeoutMs));
        if (maxBodyBytes != null) {
            limits = limits.withMaxRequestBodyBytes(maxBodyBytes);
        }
        if (maxResponseBytes != null) {
            limits = limits.withMaxResponseBodyBytes(maxResponseBytes);
        }
        if (namespace != null && !Queues.validNamespace(namespace)) {
            throw new IllegalArgumentException("--namespace: use 1..64 of A-Z a-z 0-9 _ - (no dots)");
        }
        Map<String, Set<String>> publish = new LinkedHashMap<>();
        queues.keySet().forEach(queue -> publish.put(queue, Set.of(QueueBinding.ANY_TOPIC)));
        return new AppConfig(name, kind == null ? null : AppKind.parse(kind), env, secrets, limits,
                storeSpecs().keySet(), new QueueBinding(namespace, publish));
    }

    List<QueueConfig> queueConfigs() {
        List<QueueConfig> configs = new ArrayList<>();
        for (var queue : queues.entrySet()) {
            try {
                configs.add(QueueSpecs.parse(queue.getKey(), queue.getValue()));
            } catch (ConfigException e) {
                throw new IllegalArgumentException("--queue " + e.getMessage(), e);
            }
        }
        return configs;
    }

    /** The stores the app is bound to: those given, or an embedded {@code default} store. */
    List<KvStoreConfig> kvStoreConfigs() {
        List<KvStoreConfig> configs = new ArrayList<>();
        for (var store : storeSpecs().entrySet()) {
            try {
                configs.add(KvStoreSpecs.parse(store.getKey(), store.getValue()));
            } catch (ConfigException e) {
                throw new IllegalArgumentException("--kv-store " + e.getMessage(), e);
            }
        }
        for (String seeded : kvData.keySet()) {
            if (configs.stream().noneMatch(config -> config.name().equals(seeded))) {
                throw new IllegalArgumentException("--kv-data " + seeded + ": no --kv-store of that name");
            }
        }
        return configs;
    }

    private Map<String, String> storeSpecs() {
        return kvStores.isEmpty() ? Map.of(KvStoreSpecs.DEFAULT_STORE, "embedded") : kvStores;
    }

    static String appName(Path module) {
        String file = module.getFileName().toString();
        String base = file.endsWith(".wasm") ? file.substring(0, file.length() - 5) : file;
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "-");
        return safe.isEmpty() ? "app" : safe;
    }
}
