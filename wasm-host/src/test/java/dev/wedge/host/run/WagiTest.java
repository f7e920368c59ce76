package dev.wedge.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** WASI command modules served as CGI programs, on both engines. */
class WagiTest extends EngineTest {

    private App wagi(String engine) {
        var config = new AppConfig("wagi", null, Map.of("FOO", "from-config"), Guests.TEST_LIMITS);
        return Guests.load(host(engine), "wagi_probe", config);
    }

    private AppResponse call(String engine, String method, String path, String query, Headers headers, String body) {
        var request = new AppRequest(method, "http://shop.test/app" + path + (query.isEmpty() ? "" : "?" + query),
                "/app" + path, query, headers, body.getBytes(), "10.1.2.3", "shop.test", 8080, "/app");
        return wagi(engine).handle(request);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void requestIsPresentedAsCgi(String engine) {
        var headers = Headers.of("host", "shop.test", "user-agent", "t/1", "content-type", "text/plain",
                "authorization", "Bearer secret", "x-multi", "a", "x-multi", "b");
        AppResponse response = call(engine, "POST", "/env", "q=a+b&r=%2F", headers, "the body");

        List<String> lines = List.of(Guests.ok(response).split("\n"));
        for (String expected : List.of("REQUEST_METHOD=POST", "SCRIPT_NAME=/app", "PATH_INFO=/env",
                "QUERY_STRING=q=a+b&r=%2F", "SERVER_NAME=shop.test", "SERVER_PORT=8080", "CONTENT_TYPE=text/plain",
                "CONTENT_LENGTH=8", "GATEWAY_INTERFACE=CGI/1.1", "REMOTE_ADDR=10.1.2.3", "HTTP_USER_AGENT=t/1",
                "HTTP_HOST=shop.test", "HTTP_X_MULTI=a, b", "X_MATCHED_ROUTE=/app", "FOO=from-config",
                "X_FULL_URL=http://shop.test/app/env?q=a+b&r=%2F", "argc=3", "argv[0]=/app/env",
                "argv[1]=q=a b", "argv[2]=r=/", "stdin=the body")) {
            assertTrue(lines.contains(expected), "missing " + expected + " in " + lines);
        }
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("HTTP_AUTHORIZATION")), "credentials leaked");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void statusAndHeadersAreHonoured(String engine) {
        AppResponse response = call(engine, "GET", "/status", "", Headers.of(), "");
        assertEquals(404, response.status(), () -> Guests.text(response));
        assertEquals("yes", response.headers().get("x-custom"));
        assertEquals("not here\n", Guests.text(response));
        assertTrue(!response.headers().contains("status"), "Status must not be passed on as a header");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void locationWithoutStatusRedirects(String engine) {
        AppResponse response = call(engine, "GET", "/redirect", "", Headers.of(), "");
        assertEquals(302, response.status(), () -> Guests.text(response));
        assertEquals("/elsewhere", response.headers().get("location"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void crlfLineEndsWork(String engine) {
        AppResponse response = call(engine, "GET", "/crlf", "", Headers.of(), "");
        assertEquals("<p>hi</p>", Guests.ok(response));
        assertEquals("text/html", response.headers().get("content-type"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void outputWithoutHeadersIsPlainText(String engine) {
        AppResponse response = call(engine, "GET", "/raw", "", Headers.of(), "");
        assertEquals("just text, no headers\n", Guests.ok(response));
        assertTrue(response.headers().get("content-type").startsWith("text/plain"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void badStatusIsABadCgiResponse(String engine) {
        Guests.assertFailure(call(engine, "GET", "/badstatus", "", Headers.of(), ""), 533, "bad-cgi-response");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void nonZeroExitStillSendsTheOutput(String engine) {
        AppResponse response = call(engine, "GET", "/exit", "", Headers.of(), "");
        assertEquals("bye\n", Guests.ok(response));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void floodingStdoutIsResponseTooLarge(String engine) {
        Guests.assertFailure(call(engine, "GET", "/flood", "", Headers.of(), ""), 533, "response-too-large");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wagiAppsCanUseTheWedgeImports(String engine) {
        AppResponse response = call(engine, "DELETE", "/import", "", Headers.of(), "");
        assertEquals("method=DELETE\nenv.FOO=from-config\n", Guests.ok(response));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void responseImportsAreUnsupportedForWagiApps(String engine) {
        App app = Guests.load(host(engine), "wagi_response", Guests.config("wagi_response"));
        assertEquals("rc=6", Guests.ok(Guests.get(host(engine), app, "/")));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void trapIs533(String engine) {
        Guests.assertFailure(call(engine, "GET", "/trap", "", Headers.of(), ""), 533, "trap");
    }
}
