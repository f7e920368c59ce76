package dev.wedge.host.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.AppSettings;
import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.run.App;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the outbound tests: origins on loopback, a client that trusts their CA, a resolver of test names. */
abstract class OutboundTestBase extends EngineTest {

    /** Names the tests resolve without DNS: a public-looking name can point anywhere. */
    static final Map<String, List<String>> NAMES = Map.of(
            Origins.TLS_NAME, List.of("127.0.0.1"),
            "public.test", List.of("127.0.0.1"),
            "evil.test", List.of("127.0.0.1"),
            "mixed.test", List.of("93.184.216.34", "10.0.0.1"),
            "metadata.test", List.of("169.254.169.254"));

    protected Vertx vertx;
    protected Origins origins;
    protected OutboundClient client;
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();

    @BeforeAll
    void startOrigins() throws Exception {
        vertx = Vertx.vertx();
        origins = Origins.start(vertx);
        client = OutboundClient.create(vertx, List.of(origins.certificate()), OutboundTestBase::resolve);
    }

    @AfterAll
    void stopOrigins() throws Exception {
        hosts.values().forEach(WasmHost::close);
        client.close().await(30, TimeUnit.SECONDS);
        origins.close();
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    private static Future<List<InetAddress>> resolve(String host) {
        List<String> addresses = NAMES.get(host);
        if (addresses == null) {
            return Future.failedFuture(new UnknownHostException(host));
        }
        return Future.succeededFuture(addresses.stream().map(OutboundTestBase::address).toList());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A host whose node has the test client (the base class's hosts have none). */
    protected WasmHost outboundHost(String engine) {
        return hosts.computeIfAbsent(engine, name -> WasmHost.create(name,
                HostServices.of((app, stream, level, text) -> logs.add(new LogLine(app, stream, level, text)))
                        .with(OutboundClient.class, client)));
    }

    /** An app of {@code guest} with these settings (as a config file's app section would have them). */
    protected App app(String engine, String guest, Map<String, Object> settings) {
        Map<String, Object> section = new HashMap<>(Map.of("memory-limit-mb", 16, "timeout-ms", 30_000));
        section.putAll(settings);
        try {
            AppConfig config = new AppSettings(dev.wedge.host.limits.Limits.DEFAULT, SettingsContext.EMPTY)
                    .read(guest, new Section("", section));
            return Guests.load(outboundHost(engine), guest, config);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    /** Loopback reachable, as tests and local development allow it. */
    protected static Map<String, Object> loopback(Object... more) {
        Map<String, Object> outbound = new HashMap<>(Map.of("allow-private", List.of("127.0.0.1")));
        for (int i = 0; i + 1 < more.length; i += 2) {
            outbound.put((String) more[i], more[i + 1]);
        }
        return Map.of("outbound", outbound);
    }

    /** Runs an outbound_probe script; the lines it answered. */
    protected static List<String> script(App app, String script, String... inboundHeaders) {
        AppResponse response = app.handle(AppRequest.of("POST", "/", Headers.of(inboundHeaders),
                script.getBytes(StandardCharsets.UTF_8)));
        return List.of(Guests.ok(response).split("\n"));
    }

    protected String plain(String path) {
        return origins.plainBase() + path;
    }

    protected static void assertStatus(int status, String line) {
        assertEquals(Integer.toString(status), line.split(" ")[0], line);
    }

    protected boolean logged(String app, String fragment) {
        return logs.stream().anyMatch(line -> line.app().equals(app) && line.stream().equals("host")
                && line.text().contains(fragment));
    }

    protected static void assertContains(String text, String fragment) {
        assertTrue(text.contains(fragment), () -> "'" + fragment + "' not in: " + text);
    }

    protected static void assertLacks(String text, String fragment) {
        assertFalse(text.contains(fragment), () -> "'" + fragment + "' in: " + text);
    }
}
