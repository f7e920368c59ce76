package dev.wedge.templates;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The s3-upload and s3-download templates (apps/templates/s3-*) against a real S3-compatible server (s3proxy on
 * loopback), on both engines: an upload signed in the guest stores the exact bytes, the download's presigned URL
 * gets them back from the server, a wrong secret key is refused by the server (403), an upload over
 * MAX_FILE_SIZE is refused by the app (413) and nothing is stored.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3TemplatesTest {

    private static final String BUCKET = "files";
    private static final String PREFIX = "inbox/";
    private static final int MAX_FILE_SIZE = 4096;

    private S3Proxy s3;
    private HttpClient client;
    private final java.net.http.HttpClient storageClient = java.net.http.HttpClient.newHttpClient();
    private final Map<String, Node> nodes = new TreeMap<>();

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        s3 = new S3Proxy(dir, BUCKET);
        client = vertx.createHttpClient();
        String bucket = "{S3_ENDPOINT: \"" + s3.endpoint() + "\", S3_BUCKET: " + BUCKET + ", S3_ACCESS_KEY_ID: "
                + S3Proxy.ACCESS_KEY + ", KEY_PREFIX: " + PREFIX;
        String templates = TestNodes.REPO.resolve("apps/templates") + "/";
        String apps = "apps:\n"
                + app("upload", templates + "s3-upload/s3-upload.wasm", "/put",
                        bucket + ", MAX_FILE_SIZE: \"" + MAX_FILE_SIZE + "\"}", S3Proxy.SECRET_KEY)
                + app("upload-with-token", templates + "s3-upload/s3-upload.wasm", "/token-put", bucket + "}",
                        S3Proxy.SECRET_KEY + ", UPLOAD_TOKEN: let-me-in")
                + app("upload-bad-key", templates + "s3-upload/s3-upload.wasm", "/bad-put", bucket + "}", "wrong")
                + app("download", templates + "s3-download/s3-download.wasm", "/get",
                        bucket + ", URL_TTL: \"120\"}", S3Proxy.SECRET_KEY)
                + app("download-bad-key", templates + "s3-download/s3-download.wasm", "/bad-get", bucket + "}",
                        "wrong");
        for (String engine : TemplateNodes.ENGINES) {
            String yaml = "server: {host: 127.0.0.1, port: 0, engine: " + engine + "}\n" + apps;
            var config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "s3.yaml", TestNodes.REPO, Map.of());
            nodes.put(engine, await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics())));
        }
    }

    private static String app(String name, String module, String route, String env, String secretKey) {
        return "  " + name + ":\n    module: " + module + "\n    routes: [" + route + "]\n    env: " + env
                + "\n    secrets: {S3_SECRET_ACCESS_KEY: " + secretKey + "}"
                + "\n    outbound: {allow-private: [127.0.0.1]}\n";
    }

    @AfterAll
    void stop() throws Exception {
        nodes.values().forEach(node -> await(node.close()));
        await(client.close());
        storageClient.close();
        s3.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anUploadStoresTheExactBytesAndTheDownloadLinkGetsThemBack(String engine) throws Exception {
        byte[] file = new byte[3000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 7);
        }
        String name = "report 2026 " + engine + ".bin";
        String path = "report%202026%20" + engine + ".bin";

        var stored = send(engine, HttpMethod.PUT, "/put/" + path, file, "content-type", "application/octet-stream");
        JsonObject json = stored.json(201);
        assertEquals(PREFIX + name, json.getString("key"));
        assertEquals(file.length, json.getInteger("size"));
        assertTrue(json.getString("etag").length() > 2, stored.body());
        assertArrayEquals(file, Files.readAllBytes(s3.file(BUCKET, PREFIX + name)));

        var redirect = send(engine, HttpMethod.GET, "/get/" + path, null);
        assertEquals(302, redirect.status(), redirect.body());
        assertEquals("no-store", redirect.header("cache-control"));
        String location = redirect.header("location");
        assertTrue(location.startsWith(s3.endpoint() + "/" + BUCKET + "/inbox/" + path + "?X-Amz-Algorithm="),
                location);
        HttpResponse<byte[]> object = fromStorage(location);
        assertEquals(200, object.statusCode());
        assertArrayEquals(file, object.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aPostNamesTheFileInTheQuery(String engine) throws Exception {
        String name = "notes-" + engine + ".txt";
        var stored = send(engine, HttpMethod.POST, "/put/form?name=" + name,
                "line one\nline two\n".getBytes(StandardCharsets.UTF_8), "content-type", "text/plain");
        assertEquals(PREFIX + name, stored.json(201).getString("key"));
        assertEquals("line one\nline two\n", Files.readString(s3.file(BUCKET, PREFIX + name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aWrongSecretKeyIsRefusedByTheStorage(String engine) throws Exception {
        String name = "refused-" + engine + ".txt";
        var refused = send(engine, HttpMethod.PUT, "/bad-put/" + name, "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("refused the upload"), refused.body());
        assertFalse(Files.exists(s3.file(BUCKET, PREFIX + name)));

        send(engine, HttpMethod.PUT, "/put/" + name, "kept".getBytes(StandardCharsets.UTF_8)).body(201);
        var redirect = send(engine, HttpMethod.GET, "/bad-get/" + name, null);
        assertEquals(302, redirect.status(), redirect.body());
        assertEquals(403, fromStorage(redirect.header("location")).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void withUploadTokenOnlyTheBearerOfItUploads(String engine) throws Exception {
        String name = "token-" + engine + ".txt";
        byte[] body = "secret plans".getBytes(StandardCharsets.UTF_8);
        var none = send(engine, HttpMethod.PUT, "/token-put/" + name, body);
        assertEquals(401, none.status(), none.body());
        var wrong = send(engine, HttpMethod.PUT, "/token-put/" + name, body, "authorization", "Bearer let-me-out");
        assertEquals(403, wrong.status(), wrong.body());
        assertFalse(Files.exists(s3.file(BUCKET, PREFIX + name)));
        send(engine, HttpMethod.PUT, "/token-put/" + name, body, "authorization", "Bearer let-me-in").body(201);
        assertArrayEquals(body, Files.readAllBytes(s3.file(BUCKET, PREFIX + name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aFileOverMaxFileSizeIs413AndNotStored(String engine) {
        String name = "big-" + engine + ".bin";
        var refused = send(engine, HttpMethod.PUT, "/put/" + name, new byte[MAX_FILE_SIZE + 1]);
        assertEquals(413, refused.status(), refused.body());
        // Without a declared length the app measures the body it read.
        var options = TestHttp.request(HttpMethod.PUT, nodes.get(engine).port(), "/put/" + name);
        var chunked = await(client.request(options).compose(request -> request.setChunked(true)
                .send(Buffer.buffer(new byte[MAX_FILE_SIZE + 1])).compose(TestHttp::read)));
        assertEquals(413, chunked.status(), chunked.body());
        assertFalse(Files.exists(s3.file(BUCKET, PREFIX + name)));
        // The limit itself fits.
        send(engine, HttpMethod.PUT, "/put/" + name, new byte[MAX_FILE_SIZE]).body(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aMissingFileIsTheStoragesNotFound(String engine) throws Exception {
        var redirect = send(engine, HttpMethod.GET, "/get/never-uploaded-" + engine, null);
        assertEquals(302, redirect.status(), redirect.body());
        assertEquals(404, fromStorage(redirect.header("location")).statusCode());
    }

    private TestHttp.Reply send(String engine, HttpMethod method, String uri, byte[] body, String... headers) {
        var options = TestHttp.request(method, nodes.get(engine).port(), uri, headers);
        return await(TestHttp.exchange(client, options, body == null ? null : Buffer.buffer(body)));
    }

    private HttpResponse<byte[]> fromStorage(String url) throws Exception {
        return storageClient.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
