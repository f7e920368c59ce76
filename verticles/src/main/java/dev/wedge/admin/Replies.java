package dev.wedge.admin;

import dev.wedge.server.Connections;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The admin API's answers: JSON, refusals as {@code {"error": CODE, "message": TEXT}}. */
final class Replies {

    private Replies() {}

    static Future<Void> json(HttpServerResponse out, int status, String json) {
        if (out.ended() || out.closed()) {
            return Future.succeededFuture();
        }
        return out.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json);
    }

    static Future<Void> error(HttpServerResponse out, int status, String code, String message) {
        return json(out, status, new JsonObject().put("error", code).put("message", message).encode());
    }

    /**
     * Refuses, then closes the connection: after a request the node could not read (or would not, for its
     * framing) nothing more on the connection can be read as a request, so nothing is.
     */
    static void errorAndClose(Connections connections, HttpServerRequest request, int status, String code,
            String message) {
        connections.closeAfter(request, error(request.response().putHeader(HttpHeaders.CONNECTION, "close"),
                status, code, message));
    }
}
