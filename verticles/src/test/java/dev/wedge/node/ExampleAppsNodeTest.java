package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example apps of geolocation, secrets, tokens and the cache (apps/geo-block, apps/secret-rollover and the
 * templates geo-redirect, jwt-check, api-key, rate-limit) served by a node with the sample geolocation database,
 * loopback as a trusted proxy.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleAppsNodeTest {

    private static final String JWT_SECRET = "jwt-test-secret-value";
    private static final long NOW = Instant.now().getEpochSecond();
    private static final KeyPair RSA = rsaKey();
    private static final KeyPair OTHER_RSA = rsaKey();

    private Node node;
    private HttpClient client;
    private NodeMetrics metrics;
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());

    private static String config() {
        return """
                server: {port: 0, workers: 4}
                admin: {port: 0}
                geo:
                  database: deploy/geo/sample.csv
                  trusted-proxies: [127.0.0.1]
                  pop: {pop-city: luxembourg, pop-country-code: lu}
                apps:
                  geo-block: {module: apps/geo-block/geo-block.wasm, routes: [block.test/], env: {BLACKLIST: "jp, br"}}
                  geo-redirect:
                    module: apps/templates/geo-redirect/geo-redirect.wasm
                    routes: [redirect.test/]
                    env:
                      DEFAULT: "https://example.com/"
                      DE: "https://example.de/"
                      COUNTRY_URLS: "lu=https://example.lu/"
                  jwt-check:
                    module: apps/templates/jwt-check/jwt-check.wasm
                    routes: [jwt.test/]
                    secrets: {JWT_SECRET: {env: JWT}}
                  api-key:
                    module: apps/templates/api-key/api-key.wasm
                    routes: [key.test/]
                    secrets: {API_KEY: k-123456}
                    response-headers: {cache-control: no-store, x-served-by: wedge}
                    max-body-bytes: 8
                  rate-limit:
                    module: apps/templates/rate-limit/rate-limit.wasm
                    routes: [limit.test/]
                    env: {LIMIT: "2", WINDOW: "3600"}
                    cache: {max-entries: 100}
                  secret-rollover:
                    module: apps/secret-rollover/secret-rollover.wasm
                    routes: [rollover.test/]
                    secrets:
                      TOKEN:
                        - {effective-from: 0, value: token-first}
                        - {effective-from: %d, value: token-current}
                        - {effective-from: %d, value: token-staged}
                  jwt-rs:
                    module: apps/templates/jwt-check/jwt-check.wasm
                    routes: [jwt-rs.test/]
                    env: {JWT_PUBLIC_KEY: "%s"}
                """.formatted(NOW - 3600, NOW + 365 * 86400, pem(RSA));
    }

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(config().getBytes(StandardCharsets.UTF_8)),
                "test config", TestNodes.REPO, Map.of("JWT", JWT_SECRET));
        metrics = new NodeMetrics();
        node = await(Node.start(vertx, config, (app, stream, level, text) -> logged.add(app + " " + text), metrics));
        client = vertx.createHttpClient();
    }

    @AfterAll
    void stop() {
        await(node.close());
    }

    private TestHttp.Reply call(String host, String... headers) {
        return send(HttpMethod.GET, host, null, headers);
    }

    private TestHttp.Reply send(HttpMethod method, String host, String body, String... headers) {
        // set, not added: a test's own host header replaces the default one
        var options = TestHttp.request(method, node.port(), "/").putHeader("host", host);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            options.putHeader(headers[i], headers[i + 1]);
        }
        return await(TestHttp.exchange(client, options, body == null ? null : Buffer.buffer(body)));
    }

    @Test
    void geoBlockRefusesListedCountriesFoundFromTheClientsAddress() {
        assertEquals("access from JP is not allowed\n", call("block.test", "x-forwarded-for", "203.0.113.50")
                .body(403));
        assertEquals("welcome (country: DE)\n", call("block.test", "x-forwarded-for", "192.0.2.1").body(200));
        assertEquals("welcome (country: LU)\n", call("block.test").body(200), "loopback, from the sample");
        assertEquals("welcome (country: LU)\n", call("block.test", "geoip-country-code", "JP").body(200),
                "a client cannot claim its own country");
        assertEquals("access from BR is not allowed\n", call("block.test", "x-real-ip", "2001:db8::9").body(403));
        assertTrue(logged.contains("geo-block 403 [diag: blocked JP]"), logged.toString());
        assertTrue(metrics.scrape().contains("wedge_user_diag_total{app=\"geo-block\"}"), "counted by app");
    }

    @Test
    void geoRedirectSendsEachCountryToItsSite() {
        TestHttp.Reply germany = call("redirect.test", "x-forwarded-for", "198.51.100.1, 192.0.2.77");
        assertEquals(302, germany.status(), germany.body());
        assertEquals("https://example.de/", germany.header("location"));
        TestHttp.Reply listed = call("redirect.test"); // from loopback: Luxembourg
        assertEquals(302, listed.status(), listed.body());
        assertEquals("https://example.lu/", listed.header("location"), "Luxembourg in the template's COUNTRY_URLS");
        TestHttp.Reply other = call("redirect.test", "x-forwarded-for", "203.0.113.1");
        assertEquals(302, other.status());
        assertEquals("https://example.com/", other.header("location"));
    }

    @Test
    void rateLimitAnswers429PastTheLimitPerClient() {
        for (int i = 1; i <= 2; i++) {
            TestHttp.Reply ok = call("limit.test", "x-real-ip", "198.51.100.7");
            assertEquals("ok " + i + "/2\n", ok.body(200));
            assertEquals(String.valueOf(2 - i), ok.header("x-ratelimit-remaining"));
        }
        TestHttp.Reply refused = call("limit.test", "x-real-ip", "198.51.100.7");
        assertEquals("too many requests\n", refused.body(429));
        long retryAfter = Long.parseLong(refused.header("retry-after"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
        assertEquals("ok 1/2\n", call("limit.test", "x-real-ip", "198.51.100.8").body(200), "a count per client");
        assertTrue(metrics.scrape().contains("capability=\"cache\""), "cache calls are in the metrics");
    }

    @Test
    void jwtCheckLetsOnlyValidTokensThrough() throws Exception {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String valid = jwt(header, "{\"sub\":\"ana\",\"exp\":" + (NOW + 3600) + "}", JWT_SECRET);
        assertEquals("hello ana\n", call("jwt.test", "authorization", "Bearer " + valid).body(200));
        TestHttp.Reply none = call("jwt.test");
        assertEquals("a Bearer token is required\n", none.body(401));
        assertTrue(none.header("www-authenticate").startsWith("Bearer"), none.headers().toString());
        assertEquals("bad signature\n", call("jwt.test", "authorization", "Bearer "
                + jwt(header, "{\"sub\":\"ana\"}", "another-secret")).body(401));
        assertEquals("the token has expired\n", call("jwt.test", "authorization", "Bearer "
                + jwt(header, "{\"sub\":\"ana\",\"exp\":" + (NOW - 10) + "}", JWT_SECRET)).body(401));
        assertEquals("the token's alg must be HS256\n", call("jwt.test", "authorization", "Bearer "
                + jwt("{\"alg\":\"none\"}", "{\"sub\":\"ana\"}", JWT_SECRET)).body(401));
        assertEquals("not a JWT (three parts separated by dots)\n", call("jwt.test", "authorization", "Bearer x.y")
                .body(401));
    }

    @Test
    void jwtCheckVerifiesRs256TokensWithThePublicKey() throws Exception {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String valid = rs256(header, "{\"sub\":\"dave\",\"exp\":" + (NOW + 3600) + "}", RSA);
        assertEquals("hello dave\n", call("jwt-rs.test", "authorization", "Bearer " + valid).body(200));
        assertEquals("bad signature\n", call("jwt-rs.test", "authorization", "Bearer "
                + rs256(header, "{\"sub\":\"dave\"}", OTHER_RSA)).body(401));
        assertEquals("bad signature\n", call("jwt-rs.test", "authorization", "Bearer "
                + valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA")).body(401));
        assertEquals("the token has expired\n", call("jwt-rs.test", "authorization", "Bearer "
                + rs256(header, "{\"sub\":\"dave\",\"exp\":" + (NOW - 10) + "}", RSA)).body(401));
        assertEquals("the token's alg must be RS256\n", call("jwt-rs.test", "authorization", "Bearer "
                + jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"eve\"}", pem(RSA))).body(401), "the key is no HMAC secret");
    }

    @Test
    void apiKeyChecksTheKeyAndEveryAnswerCarriesTheAppsHeaders() {
        TestHttp.Reply granted = call("key.test", "x-api-key", "k-123456");
        assertEquals("access granted\n", granted.body(200));
        assertEquals("no-store", granted.header("cache-control"));
        assertEquals("wedge", granted.header("x-served-by"));
        TestHttp.Reply missing = call("key.test");
        assertEquals(401, missing.status());
        assertEquals("no-store", missing.header("cache-control"));
        assertEquals(403, call("key.test", "x-api-key", "k-1234567").status());
        TestHttp.Reply tooLarge = send(HttpMethod.POST, "key.test", "a body over eight bytes");
        assertEquals(413, tooLarge.status(), "a node answer");
        assertEquals("body-too-large", tooLarge.header("x-wedge-error"));
        assertEquals("no-store", tooLarge.header("cache-control"));
        assertEquals("wedge", tooLarge.header("x-served-by"));
        assertEquals(null, call("block.test").header("x-served-by"), "only that app's");
    }

    @Test
    void secretRolloverAnswersTheSlotInForceNowOrThen() throws Exception {
        assertEquals("slot: now\nsha256: " + fingerprint("token-current") + "\n", call("rollover.test").body(200));
        assertEquals("slot: 0\nsha256: " + fingerprint("token-first") + "\n",
                call("rollover.test", "x-slot", "0").body(200));
        assertEquals(fingerprint("token-staged"), call("rollover.test", "x-slot", Long.toString(NOW + 400 * 86400L))
                .body(200).split("sha256: ")[1].strip());
        assertEquals(400, call("rollover.test", "x-slot", "soon").status());
    }

    private static String fingerprint(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private static String jwt(String header, String payload, String secret) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + base64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as PEM on one line (the template takes spaces for line breaks, as a form field gives). */
    private static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY----- " + Base64.getMimeEncoder(64, " ".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPublic().getEncoded()) + " -----END PUBLIC KEY-----";
    }

    private static String rs256(String header, String payload, KeyPair key) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(signed.getBytes(StandardCharsets.UTF_8));
        return signed + "." + base64.encodeToString(signature.sign());
    }
}
