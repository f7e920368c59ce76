package dev.wedge.config;

import dev.wedge.host.AppSettings;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.host.kv.KvCapability;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.queue.QueueCapability;
import dev.wedge.host.secrets.SecretSource;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one app's settings, the same way for an app of a config file, for an app deployed through the admin
 * API (its manifest) and for the app of {@code wedge run} and {@code wedge call} (their flags, spelled as the
 * keys). The Wasm side (kind, environment, limits, each capability's part) is {@link AppSettings}'; this adds
 * where the node serves the app. A config file also names the module's path, may preload KV data and subscribe
 * triggers, and writes secret values; a deploy brings the module itself and names secrets by reference to the
 * node's {@code secrets:}, so values never travel through the API or the cluster.
 */
public final class AppSections {

    /** Where and how the node serves the app, beside its Wasm settings. */
    private static final Set<String> SERVING = Set.of("engine", "routes", "max-concurrent");
    private static final Set<String> CONFIG_ONLY = Set.of("module", "kv-data", "triggers");

    private final AppSettings settings;
    private final Set<String> queueNames;
    private final Set<String> common;

    /** @param storeNames and @param queueNames what apps may bind to; secrets as text only */
    public AppSections(Limits defaults, Set<String> storeNames, Set<String> queueNames) {
        this(defaults, storeNames, queueNames, SecretSource.TEXT_ONLY);
    }

    /** @param secrets where the secrets written in a config file's apps (or flags) look up env vars and files */
    public AppSections(Limits defaults, Set<String> storeNames, Set<String> queueNames, SecretSource secrets) {
        this.settings = new AppSettings(defaults, new SettingsContext(
                Map.of(KvCapability.STORES, storeNames, QueueCapability.QUEUES, queueNames))
                .with(SecretSource.class, secrets));
        this.queueNames = Set.copyOf(queueNames);
        Set<String> keys = new HashSet<>(settings.keys());
        for (String own : ownKeys()) {
            if (!keys.add(own)) {
                throw new IllegalArgumentException("a capability reads the app setting " + own + ", which is the node's");
            }
        }
        keys.removeAll(CONFIG_ONLY);
        this.common = Set.copyOf(keys);
    }

    /** An app of a config file; module and data paths are relative to {@code baseDir}. */
    public AppSpec fromConfig(String name, Section app, Path baseDir) throws ConfigException {
        checkName(name);
        Set<String> allowed = new HashSet<>(common);
        allowed.addAll(CONFIG_ONLY);
        app.allowOnly(allowed);
        String module = app.string("module", null);
        if (module == null) {
            throw new ConfigException(app.key("module") + " is missing: the path of the app's .wasm file");
        }
        AppConfig config = config(settings, name, app, !app.sections("triggers").isEmpty());
        Set<String> bound = config.settings().get(KvCapability.SETTINGS).stores();
        Map<String, Path> kvData = new LinkedHashMap<>();
        for (var seed : app.strings("kv-data").entrySet()) {
            if (!bound.contains(seed.getKey())) {
                throw new ConfigException(app.key("kv-data") + ": store '" + seed.getKey()
                        + "' is not bound to the app");
            }
            kvData.put(seed.getKey(), baseDir.resolve(seed.getValue()).normalize());
        }
        return new AppSpec(config, baseDir.resolve(module).normalize(), engine(app), routes(app),
                maxConcurrent(app), kvData, TriggerSpec.read(app, name, queueNames));
    }

    /**
     * An app deployed through the admin API.
     *
     * @param manifest the deploy's settings (docs/admin-api.md)
     * @param module where the node keeps the module
     * @param nodeSecrets the node's secrets, which the manifest's {@code secrets} name by reference
     */
    public AppSpec fromManifest(String name, Map<String, Object> manifest, Path module, Secrets nodeSecrets)
            throws ConfigException {
        checkName(name);
        Section app = new Section("", manifest);
        for (String key : CONFIG_ONLY) {
            if (manifest.containsKey(key)) {
                throw new ConfigException(key + " is not allowed in a deploy"
                        + (key.equals("module") ? ": send the module itself or its module-url" : ": it is "
                        + "set in the node's config file only"));
            }
        }
        app.allowOnly(common);
        AppSettings byReference = settings.withContext(settings.context().with(SecretSource.class,
                new SecretSource.ByReference(nodeSecrets)));
        return new AppSpec(config(byReference, name, app, false), module, engine(app), routes(app),
                maxConcurrent(app), Map.of(), List.of());
    }

    /**
     * The lead app of a site without CDN apps: a CDN app named {@code site:NAME} (no app name has a colon) with
     * the node's defaults, so the site's requests are admitted, limited, logged and counted as its own.
     */
    public AppConfig siteLead(String site) throws ConfigException {
        return settings.read("site:" + site, new Section("sites." + site, Map.of(AppSettings.KIND, "cdn")));
    }

    /** The keys read here, not by a capability: where the node serves the app, and a config file's own. */
    public static Set<String> ownKeys() {
        Set<String> own = new HashSet<>(SERVING);
        own.addAll(CONFIG_ONLY);
        return own;
    }

    public static void checkName(String name) throws ConfigException {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ConfigException("app name '" + name + "' must be 1-63 letters, digits, '.', '_' or '-'");
        }
    }

    private static AppConfig config(AppSettings settings, String name, Section app, boolean triggered)
            throws ConfigException {
        // an explicit empty list: an app served only through sites (a CDN app a site names)
        if (!app.keys().contains("routes") && !triggered) {
            throw new ConfigException(app.key("routes") + " is missing: e.g. routes: [/" + name + "]");
        }
        return settings.read(name, app);
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

    static String engine(Section section, String key, String fallback) throws ConfigException {
        String engine = section.string(key, fallback);
        if (engine != null && !WasmHost.ENGINE_SETTINGS.contains(engine)) {
            throw new ConfigException(section.key(key) + " must be one of " + WasmHost.ENGINE_SETTINGS + ", not '"
                    + engine + "'");
        }
        return engine;
    }

    private static String engine(Section app) throws ConfigException {
        return engine(app, "engine", null);
    }
}
