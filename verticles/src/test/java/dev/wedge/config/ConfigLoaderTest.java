package dev.wedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.app.AppKind;
import dev.wedge.host.dictionary.DictionaryCapability;
import dev.wedge.host.kv.KvCapability;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.net.Cidr;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.host.secrets.SecretsCapability;
import dev.wedge.settings.ConfigException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final Path BASE = Path.of("/srv/wedge");

    private static NodeConfig load(String text, Map<String, String> env) throws ConfigException {
        var in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return ConfigLoader.load(in, "test.yaml", BASE, env);
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> load(text, Map.of())).getMessage();
    }

    private static final String FULL = """
            server:
              host: 127.0.0.2
              port: 9000
              workers: 12
              engine: wasmtime
            defaults:
              timeout-ms: 2500
              memory-limit-mb: 64
            apps:
              shop:
                module: apps/shop.wasm
                kind: wagi
                engine: chicory
                routes: [/shop/, "Example.COM/api", "*.example.org/"]
                env: {GREETING: hi, N: 3}
                secrets: {TOKEN: s3cr3t}
                max-body-bytes: 1024
              other:
                module: /abs/other.wasm
                routes: /other
                memory-limit-mb: 8
            """;

    @Test
    void readsHowAppsShareTheNodeWithOneDefaultPerKey() throws ConfigException {
        assertEquals(FairnessConfig.defaults(), load("server: {port: 1}", Map.of()).fairness());
        FairnessConfig fairness = load("""
                fairness:
                  app-share: 3
                  penalty-failures: 2
                  penalty-window-ms: 500
                  penalty-backoff-ms: 1000
                """, Map.of("WEDGE_FAIRNESS__PENALTY_MAX_BACKOFF_MS", "4000")).fairness();
        assertEquals(new FairnessConfig(3, 2, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(4)),
                fairness);
        assertTrue(error("fairness: {app-share: 0}").contains("app-share"));
        assertTrue(error("fairness: {penalty-backoff-ms: 60000, penalty-max-backoff-ms: 1000}")
                .contains("penalty-max-backoff-ms"));
        assertTrue(error("fairness: {penalty-window: 5}").contains("penalty-window"));
    }

    @Test
    void readsEveryKey() throws ConfigException {
        NodeConfig config = load(FULL, Map.of());
        assertEquals("127.0.0.2", config.host());
        assertEquals(9000, config.port());
        assertEquals(12, config.workers());
        assertEquals("wasmtime", config.engine());
        AppSpec shop = config.apps().get(0);
        assertEquals("shop", shop.name());
        assertEquals(BASE.resolve("apps/shop.wasm"), shop.module());
        assertEquals(AppKind.WAGI, shop.config().kind());
        assertEquals("chicory", shop.engine());
        assertEquals("[/shop, example.com/api, *.example.org/]", shop.routes().toString());
        assertEquals(Map.of("GREETING", "hi", "N", "3"), shop.config().env());
        assertEquals("s3cr3t", secrets(shop).get("TOKEN").at(0));
        assertEquals(Duration.ofMillis(2500), shop.config().limits().timeout(), "defaults apply");
        assertEquals(64 * Limits.MIB, shop.config().limits().memoryBytes());
        assertEquals(1024, shop.config().limits().maxRequestBodyBytes());
        AppSpec other = config.apps().get(1);
        assertEquals(Path.of("/abs/other.wasm"), other.module());
        assertEquals(8 * Limits.MIB, other.config().limits().memoryBytes(), "apps override defaults");
        assertNull(other.engine());
        assertTrue(!shop.config().toString().contains("s3cr3t"), "secrets are never printed");
    }

    @Test
    void autoIsAnEngineSettingForTheNodeAndForAnApp() throws ConfigException {
        NodeConfig config = load("""
                server: {engine: auto}
                apps:
                  a: {module: a.wasm, routes: [/a], engine: auto}
                  b: {module: b.wasm, routes: [/b], engine: chicory}
                """, Map.of());
        assertEquals("auto", config.engine());
        assertEquals("auto", config.apps().get(0).engine());
        assertEquals("chicory", config.apps().get(1).engine());
    }

    @Test
    void jsonIsAcceptedToo() throws ConfigException {
        NodeConfig config = load("{\"server\": {\"port\": 0}, \"apps\": {\"a\": {\"module\": \"a.wasm\", "
                + "\"routes\": [\"/\"]}}}", Map.of());
        assertEquals(0, config.port());
        assertEquals("/", config.apps().get(0).routes().get(0).pathPrefix());
    }

    @Test
    void environmentOverridesValues() throws ConfigException {
        NodeConfig config = load(FULL, Map.of(
                "WEDGE_SERVER__PORT", "9999",
                "WEDGE_DEFAULTS__TIMEOUT_MS", "40",
                "WEDGE_APPS__SHOP__ENV__GREETING", "007",
                "WEDGE_APPS__OTHER__SECRETS__NEW_ONE", "x",
                "UNRELATED", "1"));
        assertEquals(9999, config.port());
        assertEquals(Duration.ofMillis(40), config.apps().get(0).config().limits().timeout());
        assertEquals("007", config.apps().get(0).config().env().get("GREETING"), "values stay text");
        assertEquals("x", secrets(config.apps().get(1)).get("NEW_ONE").at(0), "names under secrets are kept");
    }

    private static Secrets secrets(AppSpec app) {
        return app.config().settings().get(SecretsCapability.SETTINGS);
    }

    @Test
    void mistakesAreNamedPrecisely() {
        assertTrue(error("apps: {a: {module: a.wasm, rotues: [/]}}").contains("unknown key apps.a.rotues"));
        assertTrue(error("server: {port: abc}").contains("server.port must be a whole number"));
        assertTrue(error("server: {port: 70000}").contains("server.port must be between 0 and 65535"));
        assertTrue(error("server: {engine: v8}").contains("server.engine must be one of [chicory, wasmtime, auto]"));
        assertTrue(error("apps: {a: {routes: [/]}}").contains("apps.a.module is missing"));
        assertTrue(error("apps: {a: {module: a.wasm}}").contains("apps.a.routes is missing"));
        assertTrue(error("apps: {a: {module: a.wasm, routes: [nopath]}}").contains("needs a path"));
        assertTrue(error("apps: {a: {module: a.wasm, routes: [\"h:80/x\"]}}").contains("without a port"));
        assertTrue(error("apps: {a: {module: a.wasm, kind: cgi, routes: [/]}}").contains("unknown app kind"));
        assertTrue(error("apps: {\"bad name\": {module: a.wasm, routes: [/]}}").contains("app name 'bad name'"));
        assertTrue(error("- just\n- a list").contains("must be a map"));
        assertTrue(error("server: [unclosed").contains("not valid YAML or JSON"));
        assertTrue(error("bogus: 1").contains("unknown key bogus"));
    }

    @Test
    void shortFormsDictionariesAndEmptyEntriesLoad() throws ConfigException {
        NodeConfig config = load("""
                kv-stores:
                  cache: "redis://127.0.0.1:6379/pop1:"
                  plain: embedded
                  empty:
                queues:
                  bus: embedded
                apps:
                  a:
                    module: a.wasm
                    routes: [/a]
                    kv-stores: [cache, plain, empty]
                    dictionary: {greeting: hello, limit: 10}
                """, Map.of());
        assertEquals("pop1:", config.kvStores().get(0).prefix());
        assertEquals(BASE.resolve(".wedge/kv").toString(), config.kvStores().get(1).location(), "beside the file");
        assertEquals(BASE.resolve(".wedge/kv").toString(), config.kvStores().get(2).location());
        assertEquals(BASE.resolve(".wedge/queues").toString(), config.queues().get(0).location());
        assertEquals(Map.of("greeting", "hello", "limit", "10"),
                config.apps().get(0).config().settings().get(DictionaryCapability.SETTINGS).values());
        assertTrue(error("kv-stores: {m: \"memcached://h\"}").contains("kv-stores.m: expected"));
    }

    @Test
    void connectionTimeoutsAndModuleUrlRulesHaveDefaultsAndOneSpelling() throws ConfigException {
        NodeConfig defaults = load("", Map.of());
        assertEquals(ConnectionTimeouts.DEFAULT, defaults.timeouts());
        assertEquals(Duration.ofSeconds(10), defaults.timeouts().header());
        assertEquals(Duration.ofSeconds(30), defaults.timeouts().idle());
        assertEquals(Duration.ofSeconds(30), defaults.deploy().downloadTimeout());
        assertEquals(List.of(), defaults.deploy().moduleUrlAllow(), "no private address is allowed by default");

        NodeConfig set = load("""
                server: {header-timeout-ms: 2000, idle-timeout-ms: 5000}
                deploy:
                  download-timeout-ms: 9000
                  module-url-allow: [10.20.0.0/16, 127.0.0.1, "fd00::/8"]
                """, Map.of());
        assertEquals(new ConnectionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)), set.timeouts());
        assertEquals(Duration.ofSeconds(9), set.deploy().downloadTimeout());
        assertEquals("[10.20.0.0/16, 127.0.0.1/32, fd00:0:0:0:0:0:0:0/8]", set.deploy().moduleUrlAllow().toString());

        NodeConfig fromEnv = load("", Map.of("WEDGE_DEPLOY__MODULE_URL_ALLOW", "127.0.0.1/32,10.0.0.0/8"));
        assertEquals(2, fromEnv.deploy().moduleUrlAllow().size(), "one comma-separated value from the environment");

        assertTrue(error("deploy: {module-url-allow: [intranet.example]}")
                .contains("deploy.module-url-allow: not an IP address or CIDR block: intranet.example"));
        assertTrue(error("deploy: {module-url-allow: [10.0.0.0/33]}").contains("not a prefix length"));
        assertTrue(error("server: {header-timeout-ms: 0}").contains("server.header-timeout-ms must be between"));
    }

    @Test
    void cidrBlocksMatchTheirAddressesOnly() throws Exception {
        Cidr block = Cidr.parse("10.20.0.0/16");
        assertTrue(block.contains(java.net.InetAddress.getByName("10.20.255.1")));
        assertTrue(!block.contains(java.net.InetAddress.getByName("10.21.0.1")));
        assertTrue(!block.contains(java.net.InetAddress.getByName("::1")), "an IPv4 block holds no IPv6 address");
        assertTrue(Cidr.parse("127.0.0.1").contains(java.net.InetAddress.getByName("127.0.0.1")));
        assertTrue(!Cidr.parse("127.0.0.1").contains(java.net.InetAddress.getByName("127.0.0.2")));
        assertTrue(Cidr.parse("fe80::/10").contains(java.net.InetAddress.getByName("febf::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(java.net.InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void kvStoresAreDefinedOnceAndBoundToApps() throws ConfigException {
        NodeConfig config = load("""
                kv-stores:
                  local: {dir: data/kv, cache-size: 100, cache-ttl-ms: 500}
                  shared: {backend: redis, url: "redis://10.0.0.5:6379", prefix: "pop1:", timeout-ms: 250}
                apps:
                  a:
                    module: a.wasm
                    routes: [/a]
                    kv-stores: [local, shared]
                    kv-data: {local: seed.json}
                    max-concurrent: 3
                """, Map.of());
        assertEquals("embedded", config.kvStores().get(0).backend());
        assertEquals(BASE.resolve("data/kv").toString(), config.kvStores().get(0).location());
        assertEquals(100, config.kvStores().get(0).cacheEntries());
        assertEquals("redis://10.0.0.5:6379", config.kvStores().get(1).location());
        assertEquals("pop1:", config.kvStores().get(1).prefix());
        assertEquals(Duration.ofMillis(250), config.kvStores().get(1).timeout());
        AppSpec app = config.apps().get(0);
        assertEquals(java.util.Set.of("local", "shared"), app.config().settings().get(KvCapability.SETTINGS).stores());
        assertEquals(Map.of("local", BASE.resolve("seed.json")), app.kvData());
        assertEquals(3, app.maxConcurrent());
        assertTrue(error("apps: {a: {module: a.wasm, routes: [/], kv-stores: [nope]}}").contains("no store 'nope'"));
        assertTrue(error("kv-stores: {r: {backend: redis}}").contains("kv-stores.r.url is missing"));
        assertTrue(error("kv-stores: {s: {dir: x}}\napps: {a: {module: a.wasm, routes: [/], kv-data: {s: f.json}}}")
                .contains("not bound to the app"));
    }

    @Test
    void unusedModulesAreKeptForTheGraceTheDeploySectionSets() throws ConfigException {
        assertEquals(DeployConfig.DEFAULT_MODULE_GRACE, load("server: {port: 1}", Map.of()).deploy().moduleGrace());
        assertEquals(Duration.ofMillis(1500), load("deploy: {module-grace-ms: 1500}", Map.of()).deploy().moduleGrace());
        assertEquals(Duration.ZERO, load("deploy: {module-grace-ms: 0}", Map.of()).deploy().moduleGrace());
        assertTrue(error("deploy: {module-grace-ms: -1}").contains("module-grace-ms"));
    }

    @Test
    void theExamplePopConfigsLoadAndPointAtCommittedModules() throws Exception {
        Path pop = Path.of("..", "deploy", "pop").toAbsolutePath().normalize();
        for (String node : List.of("node1.yaml", "node2.yaml", "node3.yaml")) {
            NodeConfig config = ConfigLoader.load(pop.resolve(node), Map.of());
            assertEquals("redis", config.kvStores().get(0).backend());
            assertEquals("kafka", config.queues().get(0).backend());
            assertEquals(5, config.apps().size());
            for (AppSpec app : config.apps()) {
                assertTrue(Files.isRegularFile(app.module()), "missing module " + app.module());
            }
        }
    }

    @Test
    void bundledDemoConfigPointsAtCommittedModules() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        try (var in = ConfigLoaderTest.class.getResourceAsStream("/dev/wedge/demo.yaml")) {
            NodeConfig demo = ConfigLoader.load(in, "demo", repo, Map.of());
            assertEquals(8080, demo.port());
            assertTrue(demo.apps().size() >= 4);
            for (AppSpec app : demo.apps()) {
                assertTrue(Files.isRegularFile(app.module()), "missing module " + app.module());
            }
            assertTrue(demo.apps().stream().map(AppSpec::name).toList().containsAll(List.of("geo-block",
                    "geo-redirect", "jwt-check", "api-key", "secret-rollover")));
            assertEquals(3, secrets(demo.apps().stream().filter(app -> app.name().equals("secret-rollover"))
                    .findFirst().orElseThrow()).get("TOKEN").slots());
            demo.geo().open(); // the sample database loads
        }
    }

    @Test
    void theGeoSectionIsCheckedWhenRead() {
        assertEquals("geo.pop.pop-town: not one of [pop-country-code, pop-country-name, pop-reg, pop-city, "
                + "pop-continent, pop-lat, pop-long]", error("geo: {pop: {pop-town: x}}"));
        assertEquals("geo.trusted-proxies: not a CIDR block, an address or FIRST-LAST: 10.0.0.0/40",
                error("geo: {trusted-proxies: [10.0.0.0/40]}"));
        assertTrue(error("geo: {databse: x.csv}").startsWith("unknown key geo.databse"));
    }
}
