package dev.wedge.templates;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nodes, one per engine, serving templates as sites in front of a {@link RecordingOrigin}. The node trusts
 * loopback as a proxy and locates clients with deploy/geo/sample.csv, so a test names its client's address in
 * {@code x-real-ip} (203.0.113.x is in Japan, 192.0.2.1-127 in Germany, 127.0.0.1 in Luxembourg). The admin
 * API, on by default at 8081, takes a free port: another test's node may hold 8081.
 */
final class TemplateSites implements AutoCloseable {

    static final String[] ENGINES = {"chicory", "wasmtime"};

    private final RecordingOrigin origin;
    private final HttpClient client;
    private final Map<String, Node> nodes = new TreeMap<>();

    /**
     * {@code appsAndSites}: the config's {@code apps:} and {@code sites:} sections, where {@code "@origin"} stands
     * for a site's origin block (the test origin, loopback allowed) and {@code @origin-url} for the origin's URL
     * (an http app's setting).
     */
    TemplateSites(Vertx vertx, String appsAndSites) throws Exception {
        origin = new RecordingOrigin(vertx);
        client = vertx.createHttpClient();
        String sections = appsAndSites.replace("\"@origin\"",
                "{urls: [" + origin.url() + "], allow-private: [127.0.0.1]}").replace("@origin-url", origin.url());
        for (String engine : ENGINES) {
            String yaml = """
                    server: {host: 127.0.0.1, port: 0, engine: %s}
                    admin: {port: 0}
                    geo: {database: deploy/geo/sample.csv, trusted-proxies: [127.0.0.1]}
                    """.formatted(engine) + sections;
            NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "templates.yaml", TestNodes.REPO, Map.of());
            nodes.put(engine, await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics())));
        }
    }

    RecordingOrigin origin() {
        return origin;
    }

    /** Sends a request for {@code host} to the engine's node; {@code headers} in name, value pairs. */
    TestHttp.Reply send(String engine, HttpMethod method, String host, String uri, String... headers) {
        var options = TestHttp.request(method, nodes.get(engine).port(), uri, headers).addHeader("host", host);
        return await(TestHttp.exchange(client, options, null));
    }

    TestHttp.Reply get(String engine, String host, String uri, String... headers) {
        return send(engine, HttpMethod.GET, host, uri, headers);
    }

    /** Every value of the response header {@code name} (a repeated one kept apart) for a GET answered 200. */
    List<String> headerValues(String engine, String host, String uri, String name) {
        var options = TestHttp.request(HttpMethod.GET, nodes.get(engine).port(), uri).addHeader("host", host);
        return await(client.request(options).compose(HttpClientRequest::send).compose(response -> response.body()
                .map(body -> {
                    assertEquals(200, response.statusCode(), body::toString);
                    return response.headers().getAll(name);
                })));
    }

    @Override
    public void close() throws Exception {
        nodes.values().forEach(node -> await(node.close()));
        await(client.close());
        origin.close();
    }
}
