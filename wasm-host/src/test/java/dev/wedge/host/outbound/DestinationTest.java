package dev.wedge.host.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.abi.Status;
import dev.wedge.host.run.App;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where an app may call: the SSRF matrix (every spelling of a non-public address, names that mean the node, a
 * name resolving to a private address, redirects to private addresses), its allow-list, and explicit exceptions.
 * The origin on loopback must see none of the refused calls.
 */
class DestinationTest extends OutboundTestBase {

    private List<String> refusedUrls() {
        int port = origins.plainPort();
        return Stream.of("127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.1",
                "[::ffff:127.0.0.1]", "[::1]", "localhost", "LocalHost.", "app.localhost", "evil.test",
                "mixed.test", "metadata.test", "169.254.169.254", "metadata", "100.64.0.1", "10.0.0.1",
                "192.168.1.1", "0.0.0.0", "[fd00::1]").map(host -> "http://" + host + ":" + port + "/hello").toList();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void nonPublicDestinationsAreRefusedInEverySpelling(String engine) {
        App app = matrixApp(engine, Map.of());
        int before = origins.hits();
        List<String> urls = refusedUrls();
        List<String> lines = script(app, urls.stream().map(url -> "get " + url).reduce((a, b) -> a + "\n" + b)
                .orElseThrow(), new String[0]);
        for (int i = 0; i < urls.size(); i++) {
            assertEquals(Status.DESTINATION_NOT_ALLOWED.code() + " - -", lines.get(i), urls.get(i));
        }
        assertEquals(before, origins.hits(), "a refused call reached the origin");
    }

    private App matrixApp(String engine, Map<String, Object> settings) {
        // max-requests raised: the matrix is one request
        Map<String, Object> outbound = new java.util.HashMap<>(Map.of("max-requests", 100));
        if (settings.get("outbound") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> outbound.put((String) key, value));
        }
        return app(engine, "outbound_probe", Map.of("outbound", outbound));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void redirectsAreCheckedAtEveryHop(String engine) {
        App app = app(engine, "outbound_probe", Map.of("outbound",
                Map.of("allow-private", List.of("public.test"), "max-redirects", 3)));
        String start = "http://public.test:" + origins.plainPort() + "/redirect?status=302&to=";
        List<String> lines = script(app, String.join("\n",
                "get " + start + "/hello",
                "get " + start + plain("/hello"),
                "get " + start + "http://evil.test:" + origins.plainPort() + "/hello",
                "get " + start + "http://0x7f.1:" + origins.plainPort() + "/hello"));
        assertEquals("0 200 hello", lines.get(0));
        for (String refused : lines.subList(1, 4)) {
            assertStatus(Status.DESTINATION_NOT_ALLOWED.code(), refused);
        }
        assertTrue(logged("outbound_probe", "evil.test resolves to 127.0.0.1, which is not a public address"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void redirectsAreNotFollowedByDefault(String engine) {
        App app = app(engine, "outbound_probe", loopback());
        List<String> lines = script(app, "get " + plain("/redirect?status=301&to=/hello") + "\nheader location");
        assertEquals(List.of("0 301 moved", "0 /hello"), lines);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theAllowListNarrowsHosts(String engine) {
        App app = app(engine, "outbound_probe", Map.of("outbound", Map.of(
                "allow-hosts", List.of("*.test"), "allow-private", List.of("127.0.0.1", "public.test"))));
        List<String> lines = script(app, "get http://public.test:" + origins.plainPort() + "/hello\nget "
                + plain("/hello"));
        assertEquals("0 200 hello", lines.get(0));
        assertStatus(Status.DESTINATION_NOT_ALLOWED.code(), lines.get(1));
        assertTrue(logged("outbound_probe", "127.0.0.1 is not in the app's outbound.allow-hosts"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aPrivateAddressMayBeAllowedExplicitly(String engine) {
        App app = app(engine, "outbound_probe", Map.of("outbound", Map.of("allow-private",
                List.of("127.0.0.0/8", "localhost"))));
        List<String> lines = script(app, "get http://0x7f.1:" + origins.plainPort() + "/hello\nget http://evil.test:"
                + origins.plainPort() + "/hello");
        assertEquals(List.of("0 200 hello", "0 200 hello"), lines);
    }
}
