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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A node per engine serving CDN templates through sites in front of one {@link TemplateOrigin}, for the
 * templates' tests. The configuration's {@code apps:} and {@code sites:} come from the test, with
 * {@code {templates}} standing for the templates' folder and {@code {origin}} for an origin block that lets the
 * node reach the loopback origin.
 */
final class TemplateNodes implements AutoCloseable {

    static final List<String> ENGINES = List.of("chicory", "wasmtime");

    private final TemplateOrigin origin;
    private final HttpClient client;
    private final Map<String, Node> nodes = new TreeMap<>();

    TemplateNodes(Vertx vertx, String appsAndSites) throws Exception {
        origin = new TemplateOrigin(vertx);
        client = vertx.createHttpClient();
        String body = appsAndSites.replace("{templates}", TestNodes.REPO.resolve("apps/templates") + "/")
                .replace("{origin}", "{urls: [" + origin.url() + "], allow-private: [127.0.0.1]}");
        for (String engine : ENGINES) {
            String yaml = "server: {host: 127.0.0.1, port: 0, engine: " + engine + "}\nadmin: {port: 0}\n" + body;
            NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "templates.yaml", TestNodes.REPO, Map.of());
            nodes.put(engine, await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics())));
        }
    }

    /**
     * Each engine with each of the hosts given: tests name a host per phase model (a site whose apps run in
     * FastEdge's model, one whose apps have {@code proxy-wasm-mode: envoy}).
     */
    static Stream<Arguments> enginesAnd(String... hosts) {
        return ENGINES.stream().flatMap(engine -> Stream.of(hosts).map(host -> Arguments.of(engine, host)));
    }

    TemplateOrigin origin() {
        return origin;
    }

    /** A request to {@code host} on the engine's node ({@code body} may be null), read in full. */
    TestHttp.Reply send(String engine, HttpMethod method, String host, String uri, String body, String... headers) {
        return sendBytes(engine, method, host, uri, body == null ? null : Buffer.buffer(body), headers);
    }

    /** A request with a body of bytes (an uploaded image). */
    TestHttp.Reply sendBytes(String engine, HttpMethod method, String host, String uri, Buffer body,
            String... headers) {
        var options = TestHttp.request(method, nodes.get(engine).port(), uri, headers).addHeader("host", host);
        return await(TestHttp.exchange(client, options, body));
    }

    /** A reply read as bytes (an image), with its status and content type. */
    record BytesReply(int status, String contentType, Buffer body) {}

    /** A POST of {@code body} to localhost whose answer is kept as bytes. */
    BytesReply postForBytes(String engine, String uri, Buffer body) {
        var options = TestHttp.request(HttpMethod.POST, nodes.get(engine).port(), uri).addHeader("host", "localhost");
        return await(client.request(options).compose(request -> request.send(body)).compose(response -> response
                .body().map(bytes -> new BytesReply(response.statusCode(), response.getHeader("content-type"), bytes))));
    }

    TestHttp.Reply get(String engine, String host, String uri, String... headers) {
        return send(engine, HttpMethod.GET, host, uri, null, headers);
    }

    /** Unix time now, in seconds. */
    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Hex HMAC-SHA256 of a text under a key, as the templates' signers make it. */
    static String hmac(String key, String message) {
        return HexFormat.of().formatHex(hmac(key.getBytes(StandardCharsets.UTF_8),
                message.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA256; an empty key is a block of zeros (HMAC pads keys with zeros; the JDK refuses empty ones). */
    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What scripts/sign-url.sh prints for these arguments, signing with {@code secret}. */
    static String signUrl(String secret, String... arguments) throws Exception {
        var command = new ArrayList<String>(List.of(TestNodes.REPO.resolve("scripts/sign-url.sh").toString()));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SIGN_SECRET", secret);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), "sign-url.sh failed");
        return out;
    }

    @Override
    public void close() {
        nodes.values().forEach(node -> await(node.close()));
        await(client.close());
        origin.close();
    }
}
