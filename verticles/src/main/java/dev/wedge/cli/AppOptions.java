package dev.wedge.cli;

import dev.wedge.config.AppSections;
import dev.wedge.config.AppSpec;
import dev.wedge.host.WasmHost;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.queue.QueueBinding;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.KvStoreSettings;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.QueueSettings;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that describe one app, shared by {@code run} and {@code call}: its settings (read by the same
 * reader as a config file's app) and the stores and queues the command opens for it.
 */
final class AppOptions {

    @Mixin
    AppSettingFlags settings;

    @Option(names = {"--kv-store", "--kv-stores"}, paramLabel = "NAME=SPEC",
            description = {"Key-value store bound to the app (repeatable): NAME=redis://HOST:PORT[/prefix] or",
                "NAME=embedded[:DIR]. Default: default=embedded (in .wedge/kv)."})
    Map<String, String> kvStores = new LinkedHashMap<>();

    @Option(names = "--queue", paramLabel = "NAME=SPEC",
            description = {"Queue the app may publish to, any topic (repeatable): NAME=kafka://HOST:PORT or",
                "NAME=embedded[:DIR] (default DIR .wedge/queues)."})
    Map<String, String> queues = new LinkedHashMap<>();

    @Option(names = "--kv-data", paramLabel = "NAME=FILE.json",
            description = "Keys to load into the app's namespace of a store first (a JSON object; repeatable).")
    Map<String, Path> kvData = new LinkedHashMap<>();

    @Option(names = "--dotenv", paramLabel = "DIR", arity = "0..1", fallbackValue = ".",
            description = {"Read fastedge-run's dotenv files in DIR (default: the current directory): .env,",
                ".env.variables, .env.secrets, .env.req_headers, .env.rsp_headers, .env.kv_stores; flags win."})
    Path dotEnv;

    /** A dotenv file to read instead of {@code --dotenv}'s directory: a fixture's {@code dotenv.path}. */
    Path dotEnvFile;

    private boolean dotEnvRead;

    /**
     * The app as a config file would describe it, with the flags applied, read by the config file's reader.
     *
     * @param triggers sections of a config file's {@code triggers:}
     */
    AppSpec toSpec(String name, Path module, List<String> routes, List<Map<String, Object>> triggers) {
        readDotEnv();
        checkFlags();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("module", module.toString());
        app.put("routes", routes);
        app.put("kv-stores", List.copyOf(storeSpecs().keySet()));
        Map<String, Object> publish = new LinkedHashMap<>();
        queues.keySet().forEach(queue -> publish.put(queue, List.of(QueueBinding.ANY_TOPIC)));
        app.put("publish", publish);
        Map<String, Object> seeds = new LinkedHashMap<>();
        kvData.forEach((store, file) -> seeds.put(store, file.toString()));
        app.put("kv-data", seeds);
        app.put("triggers", triggers);
        settings.applyTo(app);
        try {
            return new AppSections(Limits.DEFAULT, storeSpecs().keySet(), queues.keySet())
                    .fromConfig(name, new Section("", app), Path.of(""));
        } catch (ConfigException e) { // the keys of the settings are the flags' names
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith("unknown key ") ? "--set " + message.substring(12)
                    : "--" + message, e);
        }
    }

    /** Adds the dotenv files' values to the flags' (docs/fastedge-compat.md); once. */
    private void readDotEnv() {
        if (dotEnv == null && dotEnvFile == null || dotEnvRead) {
            return;
        }
        dotEnvRead = true;
        DotEnv files = dotEnvFile != null ? DotEnv.file(dotEnvFile) : DotEnv.in(dotEnv);
        settings.env = files.merge(DotEnv.Category.ENV, settings.env);
        settings.secrets = files.merge(DotEnv.Category.SECRETS, settings.secrets);
        settings.requestHeaders = files.merge(DotEnv.Category.REQUEST_HEADERS, settings.requestHeaders);
        settings.responseHeaders = files.merge(DotEnv.Category.RESPONSE_HEADERS, settings.responseHeaders);
        kvStores = files.merge(DotEnv.Category.KV_STORES, kvStores);
    }

    /** What only the command line can get wrong, said in its own words. */
    private void checkFlags() {
        if (settings.engine != null && !WasmHost.ENGINE_SETTINGS.contains(settings.engine)) {
            throw new IllegalArgumentException("unknown engine '" + settings.engine + "' (one of "
                    + WasmHost.ENGINE_SETTINGS + ")");
        }
        for (String seeded : kvData.keySet()) {
            if (!storeSpecs().containsKey(seeded)) {
                throw new IllegalArgumentException("--kv-data " + seeded + ": no --kv-store of that name");
            }
        }
        for (String key : settings.setKeys()) {
            if (AppSections.ownKeys().contains(key)) {
                throw new IllegalArgumentException("--set " + key + ": the command sets it (its arguments and flags)");
            }
        }
    }

    /** The engine the app runs on: its own, else the default. */
    static String engine(AppSpec spec) {
        return spec.engine() != null ? spec.engine() : WasmHost.ENGINES.get(0);
    }

    List<QueueConfig> queueConfigs() {
        List<QueueConfig> configs = new ArrayList<>();
        for (var queue : queues.entrySet()) {
            try {
                configs.add(QueueSettings.parse(queue.getKey(), queue.getValue(), Path.of("")));
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
                configs.add(KvStoreSettings.parse(store.getKey(), store.getValue(), Path.of("")));
            } catch (ConfigException e) {
                throw new IllegalArgumentException("--kv-store " + e.getMessage(), e);
            }
        }
        return configs;
    }

    private Map<String, String> storeSpecs() {
        readDotEnv();
        return kvStores.isEmpty() ? Map.of(KvStoreSettings.DEFAULT_STORE, KvStoreSettings.DEFAULT_BACKEND) : kvStores;
    }

    /** The module's file name made a valid app name (see AppSections.checkName), so any file can be run. */
    static String appName(Path module) {
        String file = module.getFileName().toString();
        String base = file.endsWith(".wasm") ? file.substring(0, file.length() - 5) : file;
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
        safe = safe.substring(0, Math.min(safe.length(), 63));
        return safe.isEmpty() ? "app" : safe;
    }
}
