package dev.wedge.host.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.AppSettings;
import dev.wedge.host.Guests;
import dev.wedge.host.WasmHost;
import dev.wedge.host.abi.Status;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.run.App;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Calls and their answers: bodies, headers, HTTP/2 over TLS, every status an app can get, WAGI apps. */
class OutboundCallTest extends OutboundTestBase {

    @ParameterizedTest
    @MethodSource("engines")
    void aCallSendsMethodHeadersAndBodyAndReadsTheResponse(String engine) {
        App app = app(engine, "outbound_probe", loopback());
        List<String> lines = script(app, "hdr x-demo 1\nhdr host spoofed.example\nsend POST " + plain("/echo")
                + " hi\nheader content-length\nget " + plain("/nothing"));
        assertStatus(0, lines.get(2));
        assertContains(lines.get(2), "0 200 POST");
        assertContains(lines.get(2), "x-demo=1");
        assertContains(lines.get(2), "host=127.0.0.1:" + origins.plainPort()); // the URL's, not the app's
        assertContains(lines.get(2), "body=hi");
        assertEquals("0 " + (lines.get(2).length() - "0 200 ".length()), lines.get(3));
        assertEquals("0 404 no route /nothing", lines.get(4));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void largeBodiesAreReadInChunks(String engine) {
        App app = app(engine, "outbound_probe", loopback());
        List<String> lines = script(app, "chunks " + plain("/big?bytes=300001") + "\nchunks "
                + plain("/big?bytes=1000&chunked"));
        assertEquals(List.of("0 200 300001", "0 200 1000"), lines);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void httpsOriginsSpeakHttp2WhenTheyOfferIt(String engine) {
        App app = app(engine, "outbound_probe", Map.of("outbound",
                Map.of("allow-private", List.of(Origins.TLS_NAME))));
        List<String> lines = script(app, "get https://" + Origins.TLS_NAME + ":" + origins.tlsPort() + "/version\n"
                + "get https://" + Origins.TLS_NAME + ":" + origins.tlsPort() + "/hello");
        assertEquals(List.of("0 200 HTTP_2", "0 200 hello"), lines);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void inboundHeadersArePropagatedOnlyWhenConfigured(String engine) {
        Map<String, Object> settings = new java.util.HashMap<>(loopback());
        settings.put("propagate-headers", List.of("X-Trace", "authorization"));
        App app = app(engine, "outbound_probe", settings);
        String line = script(app, "hdr authorization mine\nget " + plain("/echo"), "x-trace", "t-1", "cookie",
                "c=1", "authorization", "theirs").get(1);
        assertContains(line, "x-trace=t-1");
        assertContains(line, "authorization=mine"); // the app's own header wins
        assertLacks(line, "cookie");
        assertLacks(line, "theirs");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyRefusalHasItsStatusAndALogLine(String engine) throws Exception {
        App app = app(engine, "outbound_probe", loopback("max-response-bytes", 1000, "max-requests", 8));
        List<String> lines = new ArrayList<>(script(app, String.join("\n",
                "get http://10.1.2.3/",
                "get ftp://example.com/",
                "get http://127.0.0.1:" + Origins.closedPort() + "/",
                "get " + plain("/big?bytes=5000"),
                "get " + plain("/big?bytes=5000&chunked"),
                "send G{T " + plain("/hello") + " -",
                "get http://nowhere.test/")));
        App impatient = app(engine, "outbound_probe", loopback("timeout-ms", 300));
        lines.add(5, script(impatient, "get " + plain("/never")).get(0));
        assertStatus(Status.DESTINATION_NOT_ALLOWED.code(), lines.get(0));
        assertStatus(Status.INVALID_URL.code(), lines.get(1));
        assertStatus(Status.REQUEST_ERROR.code(), lines.get(2));
        assertStatus(Status.RESPONSE_TOO_LARGE.code(), lines.get(3));
        assertStatus(Status.RESPONSE_TOO_LARGE.code(), lines.get(4));
        assertStatus(Status.TIMEOUT.code(), lines.get(5));
        assertStatus(Status.BAD_ARGUMENT.code(), lines.get(6));
        assertStatus(Status.REQUEST_ERROR.code(), lines.get(7));
        assertTrue(logged("outbound_probe", "destination-not-allowed: 10.1.2.3 is not a public address"));
        assertTrue(logged("outbound_probe", "invalid-url"));
        assertTrue(logged("outbound_probe", "request-error"));
        assertTrue(logged("outbound_probe", "response-too-large"));
        assertTrue(logged("outbound_probe", "timeout: no answer within outbound.timeout-ms (300 ms)"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aRequestMakesAtMostMaxRequestsCalls(String engine) {
        App app = app(engine, "outbound_probe", loopback());
        String get = "get " + plain("/hello") + "\n";
        List<String> lines = script(app, get.repeat(6));
        assertEquals(List.of("0 200 hello", "0 200 hello", "0 200 hello", "0 200 hello", "0 200 hello", "17 - -"),
                lines);
        assertTrue(logged("outbound_probe", "outbound.max-requests"));
        assertEquals("0 200 hello", script(app, get).get(0)); // the count is per request
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wagiAppsCallOutToo(String engine) {
        App app = app(engine, "wagi_fetch", loopback());
        var response = app.handle(AppRequest.of("GET", "/?" + plain("/hello"), Headers.of(), new byte[0]));
        assertEquals("0 200 hello\n", Guests.ok(response));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void hostilePointersAndHandlesGetStatusesNotExceptions(String engine) {
        App app = app(engine, "outbound_probe", loopback());
        assertEquals(List.of("http_send.0=3", "http_send.2=3", "http_send.4=3", "http_send.6=3", "http_send.8=3",
                "status.handle=2", "body.handle=2", "body.buf=3", "headers.buf=3"), script(app, "hostile"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aHostWithoutAClientAnswersUnavailable(String engine) {
        WasmHost bare = host(engine);
        App app = Guests.load(bare, "outbound_probe", Guests.config("bare"));
        assertEquals(List.of("9 - -"), script(app, "get " + plain("/hello")));
    }

    @Test
    void settingsAreCheckedWhenRead() {
        var reader = new AppSettings(Limits.DEFAULT, SettingsContext.EMPTY);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("outbound", Map.of("allow-privat", List.of("127.0.0.1"))),
                Map.of("outbound", Map.of("allow-private", List.of("10.0.0.0/33"))),
                Map.of("outbound", Map.of("max-redirects", 99)),
                Map.of("propagate-headers", List.of("bad header")),
                Map.of("timeout-ms", 2000, "wall-timeout-ms", 1000))) {
            assertThrows(ConfigException.class, () -> reader.read("a", new Section("", bad)),
                    bad::toString);
        }
    }

    @Test
    void aListMayBeOneCommaSeparatedValue() throws Exception {
        var config = new AppSettings(Limits.DEFAULT, SettingsContext.EMPTY).read("a", new Section("", Map.of(
                "outbound", Map.of("allow-private", "127.0.0.1, localhost", "allow-hosts", "a.test,*.b.test"))));
        OutboundSettings settings = config.settings().get(OutboundCapability.SETTINGS);
        assertTrue(settings.policy().permits(java.net.InetAddress.getByName("127.0.0.1")));
        assertTrue(settings.policy().allowsByName("localhost"));
        assertTrue(settings.allowsHost("x.b.test"));
        assertTrue(!settings.allowsHost("b.test"));
    }

    @Test
    void defaultsFollowFastEdgeBasic() throws ConfigException {
        var config = new AppSettings(Limits.DEFAULT, SettingsContext.EMPTY).read("a", new Section("", Map.of()));
        OutboundSettings settings = config.settings().get(OutboundCapability.SETTINGS);
        assertEquals(5, settings.maxRequests());
        assertEquals(0, settings.maxRedirects());
        assertTrue(settings.allowsHost("any.example"));
        assertEquals(Limits.DEFAULT.timeout().plusSeconds(30), config.limits().wallTimeout());
    }
}
