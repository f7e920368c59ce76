package dev.wedge.server;

import dev.wedge.config.ConnectionTimeouts;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.NodeAnswer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The open connections of one HTTP server, on its event loop. Each must complete a request head within the header
 * timeout of opening or of its previous response ending, else it is answered 408 header-timeout and closed. A
 * connection the node decided to close takes no further request, even one the client had already pipelined, and
 * is closed once its last answer is written, or an idle timeout later if the client does not read it.
 */
public final class Connections {

    private final Vertx vertx;
    private final long headerMillis;
    private final long idleMillis;
    /** Weak: a close handler set on the connection later (a log follower's) replaces the one that cleans up. */
    private final Map<HttpConnection, State> open = new WeakHashMap<>();

    /**
     * One header timer per connection, armed lazily: a request head only marks the connection as not awaiting one,
     * and a response only moves the due time; a timer that fires early re-arms for the rest. Setting and
     * cancelling a Vert.x timer for every request cost the event loop a timer-wheel insertion and removal each.
     */
    private static final class State {
        long timer = -1; // the armed timer, or -1
        boolean awaitingHead = true;
        long headDue; // nanoTime by which the awaited head must be complete
        boolean closing;
    }

    public Connections(Vertx vertx, ConnectionTimeouts timeouts) {
        this.vertx = vertx;
        this.headerMillis = timeouts.header().toMillis();
        this.idleMillis = timeouts.idle().toMillis();
    }

    /** For {@code HttpServer.connectionHandler}: the connection's first head is due now. */
    public void opened(HttpConnection connection) {
        State state = new State();
        open.put(connection, state);
        connection.closeHandler(closed -> {
            State gone = open.remove(connection);
            if (gone != null) {
                vertx.cancelTimer(gone.timer);
            }
        });
        awaitHead(connection, state);
    }

    /**
     * A request head is in: its deadline is met, and the next one is due once this request's response has ended
     * ({@link #responded}). False when the connection is being closed: the request must not be served.
     */
    public boolean started(HttpServerRequest request) {
        State state = open.get(request.connection());
        if (state == null) {
            return true;
        }
        if (state.closing) {
            return false;
        }
        state.awaitingHead = false; // its timer, if it fires, finds nothing due
        return true;
    }

    /** A response has ended: the connection's next request head is due within the header timeout. */
    public void responded(HttpConnection connection) {
        State state = open.get(connection);
        if (state != null && !state.closing) {
            awaitHead(connection, state);
        }
    }

    /**
     * The connection closes once {@code written} completes (the answer is out, or the rest of a refused body
     * read), or an idle timeout from now, whichever comes first; until then it takes no new request.
     */
    public void closeAfter(HttpServerRequest request, Future<?> written) {
        HttpConnection connection = request.connection();
        State state = open.get(connection);
        if (state != null) {
            state.closing = true;
            vertx.cancelTimer(state.timer);
        }
        long backstop = vertx.setTimer(idleMillis, fired -> connection.close());
        written.onComplete(done -> {
            vertx.cancelTimer(backstop);
            connection.close();
        });
    }

    private void awaitHead(HttpConnection connection, State state) {
        state.awaitingHead = true;
        state.headDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(headerMillis);
        if (state.timer == -1) {
            armHeadTimer(connection, state, headerMillis);
        }
    }

    private void armHeadTimer(HttpConnection connection, State state, long delayMillis) {
        state.timer = vertx.setTimer(Math.max(1, delayMillis), fired -> {
            state.timer = -1;
            if (state.closing || !state.awaitingHead) {
                return; // re-armed by the next response, if any
            }
            long left = state.headDue - System.nanoTime();
            if (left <= 0) {
                timedOut(connection, state);
            } else { // a later response moved the due time: wait for the rest, rounded up
                armHeadTimer(connection, state, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
            }
        });
    }

    /**
     * Vert.x hands out no response before a request head is complete, so the 408 goes to the channel itself,
     * through its HTTP encoder; on a connection that is not Vert.x's own kind (another version) it is only closed.
     */
    private void timedOut(HttpConnection connection, State state) {
        state.closing = true;
        if (!(connection instanceof ConnectionBase base)) {
            connection.close();
            return;
        }
        NodeAnswer answer = NodeAnswer.HEADER_TIMEOUT;
        byte[] text = ("no complete request head within " + headerMillis + " ms\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(text));
        response.headers().set(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaders.CONTENT_LENGTH, text.length).set(HttpHeaders.CONNECTION, "close")
                .set(AppResponse.ERROR_HEADER, answer.reason());
        long backstop = vertx.setTimer(idleMillis, fired -> connection.close());
        base.channel().writeAndFlush(response).addListener(written -> {
            vertx.cancelTimer(backstop);
            connection.close();
        });
    }
}
