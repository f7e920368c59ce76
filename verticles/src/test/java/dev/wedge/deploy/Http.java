package dev.wedge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Blocking HTTP calls from a test thread to a node's app port and admin port. */
final class Http {

    /** @param headers the response's headers; none when there was no response */
    record Reply(int status, String body, String error, java.net.http.HttpHeaders headers) {

        Reply(int status, String body, String error) {
            this(status, body, error, java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The body as JSON, once the status is the expected one (the body is in the failure message). */
        JsonObject json(int expected) {
            assertEquals(expected, status, body);
            return new JsonObject(body);
        }

        JsonArray array(int expected) {
            assertEquals(expected, status, body);
            return new JsonArray(body);
        }
    }

    /** Bounds a hang, not how fast a node answers: a busy machine may take long, and no test is about that. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String token;

    Http(String token) {
        this.token = token;
    }

    Reply get(int port, String path) {
        return send(HttpRequest.newBuilder(uri(port, path)).GET(), false);
    }

    Reply admin(String method, int port, String path, String contentType, byte[] body) {
        var request = HttpRequest.newBuilder(uri(port, path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return send(request, true);
    }

    Reply admin(String method, int port, String path) {
        return admin(method, port, path, null, null);
    }

    Reply deployJson(int port, String app, JsonObject body) {
        return admin("PUT", port, "/apps/" + app, "application/json", body.encode().getBytes());
    }

    Reply deployWasm(int port, String app, byte[] wasm) {
        return admin("PUT", port, "/apps/" + app, "application/wasm", wasm);
    }

    private Reply send(HttpRequest.Builder request, boolean authorized) {
        if (authorized && token != null) {
            request.header("authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("x-wedge-error").orElse(null), response.headers());
        } catch (IOException e) {
            return new Reply(-1, e.toString(), "connection");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
