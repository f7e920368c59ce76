package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The templates' SHA-256 and HMAC-SHA256 in AssemblyScript (apps/templates/_lib/crypto.ts), through the
 * cdn_hmac test filter on both engines: FIPS 180-4 and RFC 4231 known answers, and the JDK's answers for every
 * length around the padding and block boundaries.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateCryptoTest {

    private static final HexFormat HEX = HexFormat.of();

    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        nodes = new TemplateNodes(vertx, """
                apps:
                  hmac: {module: verticles/src/test/resources/guests/cdn_hmac.wasm, routes: []}
                sites:
                  hmac:
                    hosts: [hmac.test]
                    origin: {origin}
                    phases: {request-headers: hmac}
                """);
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    /** "SHA256(data) HMAC(key, data)" in hex, as the filter computes them. */
    private String digests(String engine, byte[] key, byte[] data) {
        return nodes.get(engine, "hmac.test", "/?key=" + HEX.formatHex(key) + "&data=" + HEX.formatHex(data))
                .body(200);
    }

    private String hmac(String engine, String keyHex, String dataHex) {
        return digests(engine, HEX.parseHex(keyHex), HEX.parseHex(dataHex)).split(" ")[1];
    }

    private String sha256(String engine, String text) {
        return digests(engine, new byte[0], text.getBytes(StandardCharsets.UTF_8)).split(" ")[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void sha256MatchesTheFipsExamples(String engine) {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sha256(engine, ""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha256(engine, "abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                sha256(engine, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void hmacMatchesRfc4231(String engine) {
        String hiThere = HEX.formatHex("Hi There".getBytes(StandardCharsets.US_ASCII));
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                hmac(engine, "0b".repeat(20), hiThere)); // test case 1
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                hmac(engine, HEX.formatHex("Jefe".getBytes(StandardCharsets.US_ASCII)),
                        HEX.formatHex("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                hmac(engine, "aa".repeat(20), "dd".repeat(50))); // test case 3
        assertEquals("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                hmac(engine, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cd".repeat(50)));
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", hmac(engine,
                "aa".repeat(131), HEX.formatHex("Test Using Larger Than Block-Size Key - Hash Key First"
                        .getBytes(StandardCharsets.US_ASCII)))); // test case 6
        assertEquals("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", hmac(engine,
                "aa".repeat(131), HEX.formatHex(("This is a test using a larger than block-size key and a larger "
                        + "than block-size data. The key needs to be hashed before being used by the HMAC "
                        + "algorithm.").getBytes(StandardCharsets.US_ASCII)))); // test case 7
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void everyLengthAroundTheBlockBoundariesMatchesTheJdk(String engine) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int[] lengths = {0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 200};
        for (int i = 0; i < lengths.length; i++) {
            byte[] data = new byte[lengths[i]];
            byte[] key = new byte[lengths[(i + 5) % lengths.length]];
            for (int j = 0; j < data.length; j++) {
                data[j] = (byte) (j * 31 + 7);
            }
            for (int j = 0; j < key.length; j++) {
                key[j] = (byte) (j * 17 + 3);
            }
            String expected = HEX.formatHex(sha.digest(data)) + " " + HEX.formatHex(TemplateNodes.hmac(key, data));
            assertEquals(expected, digests(engine, key, data), "data " + data.length + ", key " + key.length);
        }
    }
}
