package dev.wedge.admin;

import dev.wedge.server.BodyCollector;
import dev.wedge.server.Connections;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /try}: sends one request to this node's own app port and answers what came back, for the console's
 * "try it" panel. The console's page may only talk to its own origin (its CSP says so), and the app port is
 * another origin; the request goes nowhere but this node, so the endpoint reaches nothing the token holder could
 * not reach with curl.
 */
final class TryApi {

    private static final long MAX_REQUEST = 1024 * 1024;
    private static final int MAX_SHOWN = 256 * 1024;
    private static final long TIMEOUT_MS = 60_000;

    private final SocketAddress appPort;
    private final BodyCollector bodies;
    private final HttpClient client;
    private final Connections connections;

    TryApi(Vertx vertx, SocketAddress appPort, BodyCollector bodies, Connections connections) {
        this.connections = connections;
        this.appPort = appPort;
        this.bodies = bodies;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    }

    /** GET /try tells the console the app port (to show an app's URL); POST /try sends a request there. */
    void mount(Router router) {
        router.get("/try").handler(ctx -> Replies.json(ctx.response(), 200,
                new JsonObject().put("app-port", appPort.port()).encode()));
        router.post("/try").handler(ctx -> bodies.collect(ctx.request(), MAX_REQUEST)
                .onSuccess(body -> send(ctx, body))
                .onFailure(failure -> Replies.refuseBody(connections, ctx.request(), failure, "body-too-large",
                        " (try it sends at most 1 MiB)")));
    }

    Future<Void> close() {
        return client.close();
    }

    private void send(RoutingContext ctx, Buffer body) {
        RequestOptions options;
        String payload;
        try {
            JsonObject json = new JsonObject(body);
            String path = json.getString("path", "/");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with /");
            }
            String method = json.getString("method", "GET");
            if (!method.matches("[A-Z]{1,20}")) {
                throw new IllegalArgumentException("method must be a method name in capitals, such as GET");
            }
            options = new RequestOptions().setServer(appPort).setHost(appPort.host()).setPort(appPort.port())
                    .setMethod(HttpMethod.valueOf(method)).setURI(path)
                    .setTimeout(TIMEOUT_MS);
            for (Map.Entry<String, Object> header : json.getJsonObject("headers", new JsonObject())) {
                if (header.getKey().equalsIgnoreCase("host")) {
                    options.setHost(String.valueOf(header.getValue())); // routes by host name reach their app
                } else {
                    options.putHeader(header.getKey(), String.valueOf(header.getValue()));
                }
            }
            payload = json.getString("body", "");
        } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
            Replies.error(ctx.response(), 400, "bad-try", "the body must be {method, path, headers, body}: "
                    + e.getMessage());
            return;
        }
        client.request(options)
                .compose(request -> request.send(payload))
                .compose(response -> response.body().map(answer -> shown(response, answer)))
                .onSuccess(answer -> Replies.json(ctx.response(), 200, answer.encode()))
                .onFailure(failure -> Replies.error(ctx.response(), 502, "try-failed",
                        "the request got no answer: " + failure.getMessage()));
    }

    private static JsonObject shown(HttpClientResponse response, Buffer body) {
        JsonArray headers = new JsonArray();
        response.headers().forEach(header -> headers.add(new JsonArray().add(header.getKey()).add(header.getValue())));
        boolean cut = body.length() > MAX_SHOWN;
        String text = new String(body.getBytes(0, Math.min(body.length(), MAX_SHOWN)), StandardCharsets.UTF_8);
        return new JsonObject().put("status", response.statusCode()).put("headers", headers).put("body", text)
                .put("truncated", cut);
    }
}
