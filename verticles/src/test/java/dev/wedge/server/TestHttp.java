package dev.wedge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Calls from the tests of this module to a node over a Vert.x client, each read in full. */
public final class TestHttp {

    /** A whole reply; header names in lower case. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name);
        }

        /** The body, once the status is the expected one (the body is in the failure message). */
        public String body(int expected) {
            assertEquals(expected, status, body);
            return body;
        }

        /** The body as JSON, once the status is the expected one. */
        public JsonObject json(int expected) {
            return new JsonObject(body(expected));
        }
    }

    private TestHttp() {}

    /**
     * Sends a request ({@code body} may be null) and reads the whole reply. The body is asked for in the very
     * callback that receives the response, on its event loop: a body handler added later, say by a test thread
     * that was descheduled while it chained its futures, finds the body gone by, and the reply reads as empty.
     */
    public static Future<Reply> exchange(HttpClient client, RequestOptions options, Buffer body) {
        return client.request(options).compose(request -> (body == null ? request.send() : request.send(body))
                .compose(TestHttp::read));
    }

    /** A request to a node on loopback, with header names and values in pairs (a header may repeat). */
    public static RequestOptions request(HttpMethod method, int port, String uri, String... headers) {
        var options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            options.addHeader(headers[i], headers[i + 1]);
        }
        return options;
    }

    /** Reads a response in full; call it from the callback that receives the response (see above). */
    public static Future<Reply> read(HttpClientResponse response) {
        return response.body().map(body -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            response.headers().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
            return new Reply(response.statusCode(), headers, body.toString());
        });
    }
}
