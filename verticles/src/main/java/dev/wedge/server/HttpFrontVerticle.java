package dev.wedge.server;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Accepts HTTP on an event loop: routes, buffers the body within the app's limit, hands the request to the
 * {@link WasmExecutor} and writes back what comes out. Nothing here blocks.
 */
public final class HttpFrontVerticle extends VerticleBase {

    /** Framing is the server's business, never the app's. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "te", "trailer", "proxy-connection");

    private final String host;
    private final int port;
    private final RouteTable routes;
    private final WasmExecutor executor;
    private HttpServer server;

    public HttpFrontVerticle(String host, int port, RouteTable routes, WasmExecutor executor) {
        this.host = host;
        this.port = port;
        this.routes = routes;
        this.executor = executor;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        return server.requestHandler(this::handle).listen();
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        String requestHost = hostOf(request);
        RouteTable.Route route = routes.match(requestHost, request.path());
        if (route == null) {
            request.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("no app is routed at " + requestHost + request.path() + "\n");
            return;
        }
        DeployedApp app = route.app();
        BodyCollector.collect(request, app.app().config().limits().maxRequestBodyBytes())
                .compose(body -> executor.run(app, appRequest(request, body, requestHost, route)))
                .onSuccess(response -> write(request.response(), response))
                .onFailure(failure -> fail(request, failure));
    }

    private AppRequest appRequest(HttpServerRequest request, Buffer body, String requestHost, RouteTable.Route route) {
        var headers = new Headers();
        request.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
        String query = request.query() == null ? "" : request.query();
        return new AppRequest(request.method().name(), request.absoluteURI(), request.path(), query, headers,
                body.getBytes(), request.remoteAddress().hostAddress(), requestHost, request.localAddress().port(),
                route.spec().scriptName());
    }

    private static void write(HttpServerResponse out, AppResponse response) {
        out.setStatusCode(response.status()).setStatusMessage(StatusText.of(response.status()));
        for (Map.Entry<String, String> header : response.headers().entries()) {
            if (!HOP_BY_HOP.contains(header.getKey())) {
                out.headers().add(header.getKey(), header.getValue());
            }
        }
        out.end(Buffer.buffer(response.body()));
    }

    private static void fail(HttpServerRequest request, Throwable failure) {
        HttpServerResponse out = request.response();
        if (out.ended() || out.closed()) {
            return;
        }
        if (failure instanceof BodyTooLarge) {
            BodyCollector.discardRest(request);
            out.setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close")
                    .putHeader(AppResponse.ERROR_HEADER, "body-too-large")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end(failure.getMessage() + "\n");
            return;
        }
        out.setStatusCode(500).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end("internal error: " + failure.getMessage() + "\n");
    }

    private static String hostOf(HttpServerRequest request) {
        String authority = request.authority() == null ? request.localAddress().host() : request.authority().host();
        return authority.toLowerCase(Locale.ROOT);
    }
}
