package dev.wedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.cli.CliTest.Run;
import dev.wedge.server.TestNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wedge test}: fixtures of the test filters (verticles/src/test/resources/fixtures) against a real loopback
 * origin, a failing case per {@code expect} field, malformed fixtures, http-wasm, dotenv, FastEdge's own shape.
 */
class TestCommandTest {

    private static final Path FIXTURES = TestNodes.REPO.resolve("verticles/src/test/resources/fixtures");
    private static final String HEADERS = filter("cdn_headers");
    private static final String AUTH = filter("cdn_auth");
    /** cdn_headers in front of an origin answering 200 "cart 7"; {@code %s} is the expect object. */
    private static final String CART = """
            {"description": "cart", "wasm": {"path": "%s"}, "request": {"url": "https://shop.example.com/cart?id=7"},
             "response": {"status": 200, "headers": {"x-origin-header": "o"}, "body": "cart 7"},
             "expect": %%s}""".formatted(HEADERS);

    private static String filter(String name) {
        return FIXTURES.resolveSibling("guests").resolve(name + ".wasm").toString();
    }

    private static Path write(Path dir, String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theTestFiltersFixturesPass(String engine) {
        Run run = CliTest.run("test", "--engine", engine, FIXTURES.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("PASS  properties: the path rewritten, the geo property seen, a node-set "
                + "custom property read later"), run.out());
        assertTrue(run.out().endsWith("5 passed, 0 failed, 0 malformed\n"), run.out());
    }

    static Stream<Arguments> differences() {
        return Stream.of(
                Arguments.of(HEADERS, "{\"origin\": {\"method\": \"POST\"}}",
                        "origin.method: expected \"POST\", got \"GET\""),
                Arguments.of(HEADERS, "{\"origin\": {\"path\": \"/cart\"}}",
                        "origin.path: expected \"/cart\", got \"/cart?id=7\""),
                Arguments.of(HEADERS, "{\"origin\": {\"headers\": {\"x-filter\": \"off\"}}}",
                        "origin.headers.x-filter: expected \"off\", got \"on\""),
                Arguments.of(HEADERS, "{\"origin\": {\"headers\": {\"X-Filter\": null}}}",
                        "origin.headers.X-Filter: expected absent, got \"on\""),
                Arguments.of(HEADERS, "{\"origin\": {\"headers\": {\"x-nope\": \"1\"}}}",
                        "origin.headers.x-nope: expected \"1\", got absent"),
                Arguments.of(HEADERS, "{\"origin\": {\"body\": \"x\"}}", "origin.body: expected \"x\", got \"\""),
                Arguments.of(HEADERS, "{\"origin\": null}", "origin: expected no request, got GET /cart?id=7"),
                Arguments.of(AUTH, "{\"origin\": {}}", "origin: expected a request, got none"),
                Arguments.of(HEADERS, "{\"response\": {\"status\": 201}}", "response.status: expected 201, got 200"),
                Arguments.of(HEADERS, "{\"response\": {\"headers\": {\"x-filtered\": \"no\"}}}",
                        "response.headers.x-filtered: expected \"no\", got \"yes\""),
                Arguments.of(HEADERS, "{\"response\": {\"headers\": {\"x-filtered\": null}}}",
                        "response.headers.x-filtered: expected absent, got \"yes\""),
                Arguments.of(HEADERS, "{\"response\": {\"body\": \"cart 8\"}}",
                        "response.body: expected \"cart 8\", got \"cart 7\""),
                Arguments.of(HEADERS, "{\"response\": {\"bodyContains\": [\"cart\", \"basket\"]}}",
                        "response.bodyContains: expected \"basket\" in the body, got \"cart 7\""));
    }

    @ParameterizedTest
    @MethodSource("differences")
    void eachExpectedFieldThatDiffersFails(String wasm, String expect, String difference, @TempDir Path dir)
            throws Exception {
        Path file = write(dir, "cart.test.json", CART.replace(HEADERS, wasm).formatted(expect));
        Run run = CliTest.run("test", file.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().startsWith("FAIL  cart  (" + file + ")\n      " + difference + "\n"), run.out());
        assertTrue(run.out().endsWith("0 passed, 1 failed, 0 malformed\n"), run.out());
    }

    static Stream<Arguments> malformed() {
        String wasm = "\"wasm\": {\"path\": \"" + HEADERS + "\"}";
        String url = "\"request\": {\"url\": \"https://a.example/\"}";
        return Stream.of(
                Arguments.of("{", "not valid JSON"),
                Arguments.of("[1]", "[0]: must be a fixture object"),
                Arguments.of("{" + wasm + "}", "request: missing (an object)"),
                Arguments.of("{" + wasm + ", \"request\": {}}", "request.url: missing (a string)"),
                Arguments.of("{\"wasm\": {\"path\": \"nope.wasm\"}, " + url + "}", "wasm.path: no such file"),
                Arguments.of("{" + wasm + ", \"request\": {\"url\": \"ftp://a/\"}}",
                        "request.url: must be an http or https URL with a host"),
                Arguments.of("{" + wasm + ", " + url + ", \"appType\": \"wagi\"}", "appType: must be proxy-wasm"),
                Arguments.of("{" + wasm + ", \"request\": {\"url\": \"https://a.example/\", \"method\": \"get\"}}",
                        "request.method: must be a method in capitals"),
                Arguments.of("{" + wasm + ", " + url + ", \"response\": {\"status\": \"200\"}}",
                        "response.status: must be an HTTP status"),
                Arguments.of("{" + wasm + ", " + url + ", \"env\": {\"A\": 1}}", "env.A: must be a string"),
                Arguments.of("{" + wasm + ", " + url + ", \"expect\": {\"respnse\": {}}}",
                        "expect.respnse: unknown field"),
                Arguments.of("{" + wasm + ", " + url + ", \"expect\": {\"response\": {\"body\": \"a\", "
                        + "\"bodyContains\": [\"a\"]}}}", "expect.response.bodyContains: give either body or "
                        + "bodyContains"),
                Arguments.of("{" + wasm + ", " + url + ", \"properties\": []}", "properties: must be an object"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedFixtureIsNamedWithItsField(String json, String message, @TempDir Path dir) throws Exception {
        Path file = write(dir, "bad.test.json", json);
        Run run = CliTest.run("test", file.toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.out().startsWith("ERROR " + file), run.out());
        assertTrue(run.out().contains(message), run.out());
        assertFalse((run.out() + run.err()).contains("\tat "), "no stack trace: " + run.out() + run.err());
        assertTrue(run.out().endsWith("0 passed, 0 failed, 1 malformed\n"), run.out());
    }

    @Test
    void aDirectoryRunsEveryFixtureUnderIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        write(dir, "a/b/good.test.json", CART.formatted("{\"response\": {\"status\": 200}}"));
        write(dir, "a/bad.test.json", "{}");
        write(dir, "notes.json", "not a fixture: not named *.test.json");
        Run run = CliTest.run("test", dir.toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("ERROR " + dir.resolve("a/bad.test.json") + ": wasm: missing"), run.out());
        assertTrue(run.out().contains("PASS  cart  (" + dir.resolve("a/b/good.test.json") + ")"), run.out());
        assertTrue(run.out().endsWith("1 passed, 0 failed, 1 malformed\n"), run.out());

        Run empty = CliTest.run("test", dir.resolve("a/b").resolveSibling("nothing").toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("no such file or directory"), empty.err());
    }

    @Test
    void anHttpAppAnswersItself(@TempDir Path dir) throws Exception {
        Path file = write(dir, "echo.test.json", """
                {"appType": "http-wasm", "wasm": {"path": "%s"},
                 "request": {"method": "POST", "path": "/some/path?x=1", "headers": {"x-demo": "1"}, "body": "hi"},
                 "expect": {"response": {"status": 200, "headers": {"content-type": "application/json"},
                   "bodyContains": ["\\"method\\":\\"POST\\"", "\\"query\\":\\"x=1\\"", "\\"x-demo\\":\\"1\\"",
                     "\\"body\\":\\"hi\\""]}}}""".formatted(TestNodes.app("echo")));
        Run run = CliTest.run("test", file.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().startsWith("PASS  echo.test.json  (" + file + ")"), run.out());
    }

    @Test
    void dotenvGivesSecretsAndEnvTheFixtureMayOverride(@TempDir Path dir) throws Exception {
        write(dir, ".env.test", "FASTEDGE_VAR_SECRET_API_KEY=k1\nFASTEDGE_VAR_ENV_STAGE=from-dotenv\n");
        write(dir, ".env", "FASTEDGE_VAR_SECRET_API_KEY=k2\n");
        String fixture = """
                {"description": "%s", "wasm": {"path": "%s"}, "dotenv": %s,
                 "request": {"url": "https://api.example.com/x", "headers": %s}, "env": %s, "expect": %s}""";
        String fixtures = "[" + String.join(",",
                fixture.formatted("key from .env.test", AUTH, "{\"enabled\": true, \"path\": \".env.test\"}",
                        "{\"x-api-key\": \"k1\"}", "{}", "{\"origin\": {\"path\": \"/x\"}}"),
                fixture.formatted("env from .env.test", AUTH, "{\"enabled\": true, \"path\": \".env.test\"}",
                        "{}", "{}", "{\"origin\": null, \"response\": {\"headers\": {\"x-env\": \"from-dotenv\"}}}"),
                fixture.formatted("the fixture's env wins", AUTH, "{\"enabled\": true, \"path\": \".env.test\"}",
                        "{}", "{\"STAGE\": \"mine\"}", "{\"response\": {\"headers\": {\"x-env\": \"mine\"}}}"),
                fixture.formatted("key from .env by default", AUTH, "{\"enabled\": true}",
                        "{\"x-api-key\": \"k2\"}", "{}", "{\"origin\": {\"path\": \"/x\"}}"),
                fixture.formatted("dotenv off: no key", AUTH, "{\"enabled\": false}",
                        "{\"x-api-key\": \"k2\"}", "{}", "{\"origin\": null, \"response\": {\"status\": 401}}")) + "]";
        Run run = CliTest.run("test", write(dir, "auth.test.json", fixtures).toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().endsWith("5 passed, 0 failed, 0 malformed\n"), run.out());
    }

    @Test
    void aFastEdgeFixtureWithoutExpectPrintsWhatHappened(@TempDir Path dir) throws Exception {
        Path file = write(dir, "fastedge-config.test.json", """
                {
                  "$schema": "./node_modules/@gcoredev/fastedge-test/schemas/fastedge-config.test.schema.json",
                  "description": "as FastEdge writes it",
                  "appType": "proxy-wasm",
                  "wasm": {"path": "%s", "description": "headers"},
                  "request": {"method": "GET", "url": "https://example.com/api/data", "headers": {}, "body": ""},
                  "response": {"headers": {"content-type": "application/json"}, "body": "{\\"ok\\": true}"},
                  "properties": {"MAX_AGE": 3600, "FLAG": true}
                }""".formatted(HEADERS));
        Run run = CliTest.run("test", file.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        String out = run.out();
        assertTrue(out.startsWith("RAN   as FastEdge writes it  (" + file + ")\n"), out);
        assertTrue(out.contains("      origin: GET /api/data "), out);
        assertTrue(out.contains("      response: 200 ") && out.contains("x-filtered=yes")
                && out.contains("body \"{\\\"ok\\\": true}\""), out);
        assertTrue(out.endsWith("0 passed, 0 failed, 0 malformed, 1 without expect\n"), out);
    }

    @Test
    void aModuleThatCannotLoadFails(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("broken.wasm"), new byte[] {0, 'a', 's', 'm', 9, 9});
        Path file = write(dir, "broken.test.json", """
                {"wasm": {"path": "broken.wasm"}, "request": {"url": "https://a.example/"},
                 "expect": {"response": {"status": 200}}}""");
        Run run = CliTest.run("test", file.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("the module cannot load"), run.out());
    }
}
