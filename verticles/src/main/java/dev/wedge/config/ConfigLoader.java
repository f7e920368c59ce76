package dev.wedge.config;

import dev.wedge.cache.NodeCacheSettings;
import dev.wedge.host.AppSettings;
import dev.wedge.host.WasmHost;
import dev.wedge.host.client.GeoConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.secrets.SecretSource;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.KvStoreSettings;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.QueueSettings;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
            "apps", "sites", "secrets", "deploy", "cluster", "fairness", "geo", "cache");
    private static final Set<String> ADMIN = Set.of("host", "port", "token");
    private static final Set<String> SERVER = Set.of("host", "port", "workers", "engine", "header-timeout-ms",
            "idle-timeout-ms");

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
        return build(new Section("", tree), baseDir, environment);
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

    private static NodeConfig build(Section root, Path baseDir, Map<String, String> environment)
            throws ConfigException {
        root.allowOnly(TOP);
        Section server = root.section("server");
        server.allowOnly(SERVER);
        String engine = AppSections.engine(server, "engine", WasmHost.ENGINES.get(0));
        Section defaults = root.section("defaults");
        defaults.allowOnly(AppSettings.LIMITS);
        Limits defaultLimits = AppSettings.limits(defaults, Limits.DEFAULT);
        List<KvStoreConfig> stores = KvStoreSettings.read(root.section("kv-stores"), baseDir);
        Set<String> storeNames = stores.stream().map(KvStoreConfig::name).collect(Collectors.toSet());
        List<QueueConfig> queues = QueueSettings.read(root.section("queues"), baseDir);
        var sections = new AppSections(defaultLimits, storeNames,
                queues.stream().map(QueueConfig::name).collect(Collectors.toSet()),
                new SecretSource.Written(environment, baseDir));
        Section appsSection = root.section("apps");
        List<AppSpec> apps = new ArrayList<>();
        for (String name : appsSection.keys()) {
            apps.add(sections.fromConfig(name, appsSection.section(name), baseDir));
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
                logFile(root.section("logs"), baseDir),
                DeploySpecs.read(root.section("deploy"), root.section("secrets"), defaultLimits, baseDir, environment),
                ClusterSpecs.read(root.section("cluster"), baseDir),
                timeouts(server),
                FairnessSpecs.read(root.section("fairness")),
                GeoConfig.read(root.section("geo"), baseDir),
                SiteSpecs.read(root.section("sites"), apps.stream().map(AppSpec::name).collect(Collectors.toSet())),
                NodeCacheSettings.read(root.section("cache"), baseDir));
    }

    private static ConnectionTimeouts timeouts(Section server) throws ConfigException {
        long header = server.number("header-timeout-ms", ConnectionTimeouts.DEFAULT.header().toMillis(), 1,
                3_600_000);
        long idle = server.number("idle-timeout-ms", ConnectionTimeouts.DEFAULT.idle().toMillis(), 1, 3_600_000);
        return new ConnectionTimeouts(Duration.ofMillis(header), Duration.ofMillis(idle));
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
}
