package dev.wedge.admin;

import dev.wedge.cache.Purge;
import dev.wedge.config.AdminConfig;
import dev.wedge.config.ConnectionTimeouts;
import dev.wedge.deploy.AppControl;
import dev.wedge.deploy.SiteControl;
import dev.wedge.deploy.template.TemplateCatalog;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.observe.AppLogBook;
import dev.wedge.observe.LogJson;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.BodyCollector;
import dev.wedge.server.Connections;
import dev.wedge.server.DecodeFailures;
import dev.wedge.server.FairShare;
import dev.wedge.server.HeadRules;
import dev.wedge.server.StrictHttp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The node's admin API, on its own port: health, readiness and its OpenAPI description (open); Prometheus
 * metrics, per-app logs (tail and follow), each app's load and penalty box ({@link AppHealthApi}) and the deploy
 * endpoints of apps and sites ({@link AppsApi}), templates ({@link TemplatesApi}) and {@link TryApi} behind the
 * bearer token; and the web console's static files (open: the console itself sends the token with each API call,
 * docs/console.md).
 */
public final class AdminVerticle extends VerticleBase {

    private static final int DEFAULT_TAIL = 100;
    private static final int MAX_TAIL = 10_000;
    /** On the class path: Vert.x serves it from there (docs/admin-api.md points at it). */
    private static final String OPENAPI_FILE = "dev/wedge/admin/openapi.yaml";
    private static final String CONSOLE_FILES = "dev/wedge/console";
    /** The console's pages run only the scripts and styles shipped with them, and talk only to this port. */
    private static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final AdminConfig config;
    private final ConnectionTimeouts timeouts;
    private final String token;
    private final NodeMetrics metrics;
    private final AppLogBook logs;
    private final BooleanSupplier ready;
    private final AppControl apps;
    private final SiteControl sites;
    private final FairShare share;
    private final Function<String, String> engines;
    private final SocketAddress appPort;
    private final Function<Purge, Future<Integer>> purges;
    private Connections connections;
    private TryApi tryApi;
    private HttpServer server;

    /**
     * @param timeouts how long a client may take with a request head or body, as on the app port
     * @param apps the deploy endpoints' backing, or null for a node that takes no deploys
     * @param share the node's scheduler, which knows each app's load
     * @param sites the site endpoints' backing, null with {@code apps}
     * @param appPort where this node serves its apps, for the console's "try it" requests
     * @param purges applies a cache purge on every node of the PoP; how many entries this node removed
     */
    public AdminVerticle(AdminConfig config, ConnectionTimeouts timeouts, String token, NodeMetrics metrics,
            AppLogBook logs, BooleanSupplier ready, AppControl apps, FairShare share, Function<String, String> engines,
            SiteControl sites, SocketAddress appPort, Function<Purge, Future<Integer>> purges) {
        this.appPort = appPort;
        this.purges = purges;
        this.apps = apps;
        this.sites = sites;
        this.share = share;
        this.engines = engines;
        this.config = config;
        this.timeouts = timeouts;
        this.token = token;
        this.metrics = metrics;
        this.logs = logs;
        this.ready = ready;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(TemplateCatalog::shipped, false).compose(this::listen);
    }

    private Future<HttpServer> listen(TemplateCatalog templates) {
        connections = new Connections(vertx, timeouts);
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            HttpServerRequest request = ctx.request();
            ctx.addEndHandler(ended -> connections.responded(request.connection()));
            ctx.next();
        });
        router.get("/health").handler(ctx -> json(ctx.response(), 200, new JsonObject().put("status", "UP")));
        router.get("/ready").handler(ctx -> json(ctx.response(), ready.getAsBoolean() ? 200 : 503,
                new JsonObject().put("ready", ready.getAsBoolean())));
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml")
                .sendFile(OPENAPI_FILE));
        router.get("/console").handler(AdminVerticle::consolePage); // also matches "/console/"
        router.get("/console/*").handler(AdminVerticle::consoleHeaders)
                .handler(StaticHandler.create(CONSOLE_FILES).setCachingEnabled(false).setDirectoryListing(false))
                .handler(ctx -> Replies.error(ctx.response(), 404, "not-found", "the console has no such file"));
        router.route().handler(this::authorize);
        new AppHealthApi(share, engines).mount(router);
        var bodies = new BodyCollector(vertx, timeouts.idle());
        if (apps != null) {
            new AppsApi(apps, sites, bodies, connections).mount(router);
            new TemplatesApi(templates, apps, bodies, connections).mount(router);
        }
        tryApi = new TryApi(vertx, appPort, bodies, connections);
        tryApi.mount(router);
        new CacheApi(purges, bodies, connections).mount(router);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        router.get("/apps/:app/logs").handler(this::logs);
        server = vertx.createHttpServer(StrictHttp.options());
        return server.connectionHandler(connections::opened)
                .invalidRequestHandler(this::unreadable)
                .requestHandler(request -> {
                    if (!connections.started(request)) {
                        return; // pipelined behind a request whose answer closes the connection
                    }
                    String violation = HeadRules.violation(request);
                    if (violation != null) {
                        NodeAnswer refused = NodeAnswer.BAD_REQUEST;
                        Replies.errorAndClose(connections, request, refused.status(), refused.reason(), violation);
                        return;
                    }
                    router.handle(request);
                })
                .listen(config.port(), config.host());
    }

    @Override
    public Future<?> stop() {
        return tryApi == null ? Future.succeededFuture() : tryApi.close();
    }

    /**
     * The console's page, sent by name: StaticHandler finds no index page in a folder of the jar. "/console" is
     * redirected, since the page's relative links need the trailing slash.
     */
    private static void consolePage(RoutingContext ctx) {
        if (ctx.request().path().equals("/console")) {
            ctx.redirect("/console/");
            return;
        }
        consoleHeaders(ctx.response());
        ctx.response().putHeader("content-type", "text/html; charset=utf-8").sendFile(CONSOLE_FILES + "/index.html");
    }

    private static void consoleHeaders(RoutingContext ctx) {
        consoleHeaders(ctx.response());
        ctx.next();
    }

    private static void consoleHeaders(HttpServerResponse response) {
        response.putHeader("content-security-policy", CONSOLE_POLICY)
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer");
    }

    /** A head the decoder could not read: Vert.x hands it here instead of to the router. */
    private void unreadable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        NodeAnswer refused = DecodeFailures.ofHead(cause);
        Replies.errorAndClose(connections, request, refused.status(), refused.reason(),
                DecodeFailures.message(cause));
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void authorize(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        byte[] given = header != null && header.startsWith("Bearer ") ? header.substring(7).getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) { // constant time
            ctx.response().putHeader("www-authenticate", "Bearer");
            json(ctx.response(), 401, new JsonObject().put("error", "a valid bearer token is needed"));
            return;
        }
        ctx.next();
    }

    /** {@code ?lines=N} the last N lines as JSON lines; {@code &follow=true} then keeps sending new ones. */
    private void logs(RoutingContext ctx) {
        String app = ctx.pathParam("app");
        int lines;
        try {
            lines = Math.min(MAX_TAIL, Integer.parseInt(ctx.request().getParam("lines", Integer.toString(DEFAULT_TAIL))));
        } catch (NumberFormatException e) {
            json(ctx.response(), 400, new JsonObject().put("error", "lines must be a number"));
            return;
        }
        HttpServerResponse out = ctx.response().setChunked(true).putHeader("content-type", "application/x-ndjson");
        logs.tail(app, lines).forEach(entry -> out.write(LogJson.line(entry)));
        if (!Boolean.parseBoolean(ctx.request().getParam("follow", "false"))) {
            out.end();
            return;
        }
        out.writeHead(); // a follower with no history yet still learns at once that it is connected
        var context = vertx.getOrCreateContext();
        Runnable unfollow = logs.follow(app, entry -> context.runOnContext(v -> {
            if (!out.ended() && !out.closed()) {
                out.write(LogJson.line(entry));
            }
        }));
        out.closeHandler(v -> unfollow.run());
        ctx.request().connection().closeHandler(v -> unfollow.run());
    }

    private static void json(HttpServerResponse out, int status, JsonObject body) {
        Replies.json(out, status, body.encode());
    }
}
