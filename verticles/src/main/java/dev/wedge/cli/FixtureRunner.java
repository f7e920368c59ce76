package dev.wedge.cli;

import dev.wedge.cli.FixtureCheck.Observed;
import dev.wedge.config.AppSpec;
import dev.wedge.host.WasmHost;
import dev.wedge.host.client.GeoConfig;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.proxywasm.Properties;
import dev.wedge.host.run.App;
import dev.wedge.host.run.CdnChain;
import dev.wedge.node.HostResources;
import dev.wedge.server.ResponseHeaders;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one fixture as {@code wedge call} runs an app (the same settings reader, resources and host), a proxy-wasm
 * app in front of a real loopback origin that answers the fixture's {@code response}, as {@code call --origin}
 * does. Runs on the command's thread, never an event loop: the app blocks while it runs.
 */
final class FixtureRunner {

    private static final long JOIN_SECONDS = 60;
    /** The client's address unless the fixture sets {@code request.x_real_ip}. */
    private static final String CLIENT = "127.0.0.1";
    private static final String REAL_IP = "request.x_real_ip";

    /**
     * What happened: what the origin received (null: not called), what the client got, the app's log; or why
     * the app could not run ({@code failure}, the rest null).
     */
    record Outcome(FixtureOrigin.Received origin, Observed response, String log, String failure) {}

    private final Vertx vertx;
    private final String engine;

    /** @param engine the engine to run on, or null for the default */
    FixtureRunner(Vertx vertx, String engine) {
        this.vertx = vertx;
        this.engine = engine;
    }

    /** @throws IllegalArgumentException when the fixture's settings are refused (a malformed fixture) */
    Outcome run(Fixture fixture) throws Exception {
        FixtureOrigin origin = fixture.http() ? null
                : Futures.join(FixtureOrigin.start(vertx, fixture.origin()), JOIN_SECONDS);
        try {
            AppOptions options = options(fixture, origin);
            AppSpec spec = options.toSpec(AppOptions.appName(fixture.wasm()), fixture.wasm(), List.of("/"),
                    List.of());
            HostResources resources = open(options, fixture);
            var log = new ByteArrayOutputStream();
            try (WasmHost host = WasmHost.create(AppOptions.engine(spec), resources.services(new ConsoleAppLog(
                    new PrintStream(log, true, StandardCharsets.UTF_8))))) {
                App app = host.load(CallCommand.readFile(fixture.wasm()), spec.config());
                AppResponse response = handle(app, fixture);
                var headers = new Headers();
                ResponseHeaders.sendable(response.headers()).forEach(h -> headers.add(h.getKey(), h.getValue()));
                return new Outcome(origin == null ? null : origin.received(), new Observed(null, null,
                        response.status(), headers, response.body()), log.toString(StandardCharsets.UTF_8), null);
            } catch (ModuleLoadException e) {
                return new Outcome(null, null, log.toString(StandardCharsets.UTF_8), "the module cannot load: "
                        + e.getMessage());
            } finally {
                Futures.join(resources.close(), JOIN_SECONDS);
            }
        } finally {
            if (origin != null) {
                Futures.join(origin.close(), JOIN_SECONDS);
            }
        }
    }

    /** The app's settings as {@code call}'s flags would give them; a proxy-wasm app's origin is the loopback one. */
    private AppOptions options(Fixture fixture, FixtureOrigin origin) {
        var options = new AppOptions();
        options.settings = new AppSettingFlags();
        options.settings.engine = engine;
        options.settings.env = new LinkedHashMap<>(fixture.env());
        options.settings.secrets = new LinkedHashMap<>(fixture.secrets());
        options.dotEnvFile = fixture.dotEnv();
        if (origin != null) {
            options.settings.kind = "cdn";
            options.settings.origin = origin.url();
        }
        return options;
    }

    /** The node's resources, its geolocation fixed to the fixture's geo properties. */
    private HostResources open(AppOptions options, Fixture fixture) {
        Map<String, String> located = new LinkedHashMap<>();
        fixture.properties().forEach((name, value) -> {
            if (Properties.geoHeader(name) != null) {
                located.put(Properties.geoHeader(name), value);
            }
        });
        try {
            return HostResources.open(vertx, options.kvStoreConfigs(), options.queueConfigs(),
                    GeoConfig.NONE.withFixed(located), false);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("properties: " + e.getMessage(), e);
        }
    }

    private static AppResponse handle(App app, Fixture fixture) {
        AppRequest request = request(fixture);
        if (fixture.http()) {
            return app.handle(request);
        }
        Map<String, String> custom = new LinkedHashMap<>(fixture.properties());
        custom.keySet().removeIf(name -> Properties.geoHeader(name) != null || name.equals(REAL_IP));
        return app.handle(CdnChain.of(app), request, custom, Cancellation.NEVER);
    }

    /** The client's request: a proxy-wasm fixture's URL gives scheme, host and target; Host defaults to it. */
    static AppRequest request(Fixture fixture) {
        Fixture.Request given = fixture.request();
        URI url = URI.create(given.path() != null ? "http://localhost" + given.path() : given.url());
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : url.getRawQuery();
        var headers = new Headers();
        given.headers().forEach(headers::add);
        if (!headers.contains("host")) {
            headers.add("host", url.getRawAuthority());
        }
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        String client = fixture.properties().getOrDefault(REAL_IP, CLIENT);
        return new AppRequest(given.method(), url.toString(), path, query, headers,
                given.body().getBytes(StandardCharsets.UTF_8), client, url.getHost(), port, "");
    }
}
