package dev.wedge.admin;

import dev.wedge.server.BodyCollector;
import dev.wedge.server.BodyTooLarge;
import dev.wedge.server.Connections;
import dev.wedge.server.RefusedBody;
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

    /**
     * Answers a request body that could not be taken: one past its cap gets 413 {@code tooLargeCode} once the rest
     * is drained (so a client still sending reads it), one that is not HTTP/1.1 its 400; both close the
     * connection. Answers false for any other failure: the client went away.
     */
    static boolean refuseBody(Connections connections, HttpServerRequest request, Throwable failure,
            String tooLargeCode, String tooLargeHint) {
        if (failure instanceof BodyTooLarge tooLarge) {
            Future<Void> written = error(request.response().putHeader(HttpHeaders.CONNECTION, "close"), 413,
                    tooLargeCode, tooLarge.getMessage() + tooLargeHint);
            connections.closeAfter(request, Future.join(written, BodyCollector.discardRest(request)));
            return true;
        }
        if (failure instanceof RefusedBody refused) {
            errorAndClose(connections, request, refused.answer().status(), refused.answer().reason(),
                    refused.getMessage());
            return true;
        }
        return false;
    }
}
