package dev.wedge.server;

import dev.wedge.cache.SiteCache;
import dev.wedge.config.ConnectionTimeouts;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.HttpCapability;
import dev.wedge.host.http.HttpSettings;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.http.StreamedBody;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Accepts HTTP on an event loop: refuses what HTTP/1.1 forbids, routes, buffers the body within the app's limit,
 * hands the request to the {@link WasmExecutor} through the app's gate and writes back what comes out. A request
 * whose client goes away (its connection closed or reset) is cancelled: dropped if it still waits, its guest
 * stopped if it runs, and nothing is answered. Nothing here blocks.
 */
public final class HttpFrontVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final ConnectionTimeouts timeouts;
    private final Supplier<RouteTable> routes;
    private final WasmExecutor executor;
    private Connections connections;
    private BodyCollector bodies;
    private HttpServer server;

    /** @param routes the routes served now, read afresh for every request */
    public HttpFrontVerticle(String host, int port, ConnectionTimeouts timeouts, Supplier<RouteTable> routes,
            WasmExecutor executor) {
        this.host = host;
        this.port = port;
        this.timeouts = timeouts;
        this.routes = routes;
        this.executor = executor;
    }

    @Override
    public Future<?> start() {
        connections = new Connections(vertx, timeouts);
        bodies = new BodyCollector(vertx, timeouts.idle());
        server = vertx.createHttpServer(StrictHttp.options().setHost(host).setPort(port));
        return server.connectionHandler(connections::opened)
                .invalidRequestHandler(this::unreadable)
                .requestHandler(this::handle)
                .listen();
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        if (!connections.started(request)) {
            return; // pipelined behind a request whose answer closes the connection
        }
        request.response().endHandler(ended -> connections.responded(request.connection()));
        String violation = HeadRules.violation(request);
        if (violation != null) {
            refuseAndClose(request, NodeAnswer.BAD_REQUEST, violation);
            return;
        }
        String requestHost = hostOf(request);
        RouteTable.Route route = routes.get().match(requestHost, request.path());
        if (route == null) {
            refuse(request.response(), NodeAnswer.NO_ROUTE, "no app is routed at " + requestHost + request.path());
            return;
        }
        if (route.unavailable() != null) {
            refuse(request.response(), NodeAnswer.SITE_UNAVAILABLE, route.unavailable().reason());
            return;
        }
        DeployedApp app = route.app();
        HttpSettings appHeaders = app.app().config().settings().get(HttpCapability.SETTINGS);
        HttpServerResponse out = request.response();
        appHeaders.addTo(name -> out.headers().contains(name), out::putHeader); // the node's answers carry them too
        if (!app.enabled()) {
            refuse(out, NodeAnswer.APP_DISABLED, "app " + app.name() + " is disabled");
            return;
        }
        SiteCache cache = route.site() == null ? null : CacheHits.of(route.site(), request);
        if (cache == null) {
            dispatch(request, route, requestHost, appHeaders);
            return;
        }
        request.pause(); // a body-less request, but its end must not pass while the cache looks
        CacheHits.answer(cache, route.site(), request, requestHost, appHeaders).onComplete(answered -> {
            request.resume();
            if (!answered.succeeded() || !answered.result()) {
                dispatch(request, route, requestHost, appHeaders);
            }
        });
    }

    /** Through the app's gate to a worker, and back. */
    private void dispatch(HttpServerRequest request, RouteTable.Route route, String requestHost,
            HttpSettings appHeaders) {
        DeployedApp app = route.app();
        Cancellation cancellation = Cancellation.create();
        request.response().closeHandler(closed -> cancellation.cancel());
        bodies.collect(request, app.app().config().limits().maxRequestBodyBytes())
                .compose(body -> {
                    // read here, on the event loop: the task may start on the worker that made room for it
                    AppRequest appRequest = appRequest(request, body, requestHost, route);
                    return app.gate().submit(() -> route.site() != null
                            ? executor.run(route.site(), app, appRequest, cancellation)
                            : executor.run(app, appRequest, cancellation), cancellation);
                })
                .onSuccess(response -> write(request, response, appHeaders))
                .onFailure(failure -> fail(request, failure));
    }

    /** A head the decoder could not read: Vert.x hands it here instead of to {@link #handle}. */
    private void unreadable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        refuseAndClose(request, DecodeFailures.ofHead(cause), DecodeFailures.message(cause));
    }

    private AppRequest appRequest(HttpServerRequest request, Buffer body, String requestHost, RouteTable.Route route) {
        var headers = new Headers();
        request.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
        String query = request.query() == null ? "" : request.query();
        return new AppRequest(request.method().name(), request.absoluteURI(), request.path(), query, headers,
                body.getBytes(), request.remoteAddress().hostAddress(), requestHost, request.localAddress().port(),
                route.spec().scriptName());
    }

    private void write(HttpServerRequest request, AppResponse response, HttpSettings appHeaders) {
        HttpServerResponse out = request.response();
        if (out.closed()) { // the client went away: its run was stopped (499 in the metrics), nobody listens
            if (response.streamed() != null) {
                response.streamed().discard();
            }
            return;
        }
        try {
            out.setStatusCode(response.status()).setStatusMessage(StatusText.of(response.status()));
            out.headers().clear(); // the app's response-headers, set for a node answer, are in the response already
            for (Map.Entry<String, String> header : ResponseHeaders.sendable(response.headers())) {
                out.headers().add(header.getKey(), header.getValue());
            }
        } catch (RuntimeException e) { // a header the HTTP layer refuses must not leave the client hanging
            out.headers().clear();
            appHeaders.addTo(name -> false, out::putHeader);
            if (response.streamed() != null) {
                response.streamed().discard();
            }
            fail(request, e);
            return;
        }
        if (response.streamed() != null) {
            stream(request, response.streamed());
            return;
        }
        out.end(Buffer.buffer(response.body()));
    }

    /** An origin's body no filter reads: sent as it arrives; cut short, the client's stream is reset. */
    private static void stream(HttpServerRequest request, StreamedBody body) {
        HttpServerResponse out = request.response();
        int status = out.getStatusCode();
        if (request.method() == HttpMethod.HEAD || status == 204 || status == 304) {
            body.discard(); // a response without a body
            out.end();
            return;
        }
        out.setChunked(true);
        body.pipeTo(out).onFailure(failed -> out.reset());
    }

    private void fail(HttpServerRequest request, Throwable failure) {
        HttpServerResponse out = request.response();
        if (out.ended() || out.closed() || failure instanceof AppGate.ClientGone) {
            return;
        }
        if (failure instanceof BodyTooLarge tooLarge) {
            // drained rather than closed at once, so the client still sending its body reads the 413
            Future<Void> written = refuse(out.putHeader(HttpHeaders.CONNECTION, "close"), tooLarge.answer(),
                    tooLarge.getMessage());
            connections.closeAfter(request, Future.join(written, BodyCollector.discardRest(request)));
        } else if (failure instanceof RefusedBody refused) {
            refuseAndClose(request, refused.answer(), refused.getMessage());
        } else if (failure instanceof AppGate.Busy || failure instanceof WasmExecutor.Stopping) {
            refuse(out.putHeader("retry-after", "1"),
                    failure instanceof AppGate.Busy ? NodeAnswer.APP_BUSY : NodeAnswer.NODE_STOPPING,
                    failure.getMessage());
        } else {
            refuse(out, NodeAnswer.HOST_ERROR, "internal error: " + failure.getMessage());
        }
    }

    /**
     * Answers, then closes the connection: after a request whose framing is in doubt nothing more on the
     * connection can be read as a request, so nothing is (requests the client pipelined behind it included).
     */
    private void refuseAndClose(HttpServerRequest request, NodeAnswer answer, String message) {
        connections.closeAfter(request, refuse(request.response().putHeader(HttpHeaders.CONNECTION, "close"),
                answer, message));
    }

    /** An answer from the node rather than the app: a status, the reason in X-Wedge-Error, a line of text. */
    private static Future<Void> refuse(HttpServerResponse out, NodeAnswer answer, String message) {
        return out.setStatusCode(answer.status()).putHeader(AppResponse.ERROR_HEADER, answer.reason())
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(message + "\n");
    }

    private static String hostOf(HttpServerRequest request) {
        String authority = request.authority() == null ? request.localAddress().host() : request.authority().host();
        return authority.toLowerCase(Locale.ROOT);
    }
}
