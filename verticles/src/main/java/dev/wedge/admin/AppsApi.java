package dev.wedge.admin;

import dev.wedge.deploy.AppControl;
import dev.wedge.deploy.DeployException;
import dev.wedge.deploy.SiteControl;
import dev.wedge.server.BodyCollector;
import dev.wedge.server.Connections;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The admin API's deploy endpoints, of apps and sites (described in openapi.yaml, served at /openapi.yaml). */
final class AppsApi {

    private static final Logger LOG = Logger.getLogger(AppsApi.class.getName());
    private static final long JSON_OVERHEAD = 64 * 1024;

    private final AppControl control;
    private final SiteControl sites;
    private final BodyCollector bodies;
    private final Connections connections;

    AppsApi(AppControl control, SiteControl sites, BodyCollector bodies, Connections connections) {
        this.control = control;
        this.sites = sites;
        this.bodies = bodies;
        this.connections = connections;
    }

    /** Adds the routes; call after the token check is in place. */
    void mount(Router router) {
        router.post("/modules").handler(ctx -> withBody(ctx, (context, body) -> answer(context, 201,
                control.upload(body.getBytes()))));
        router.get("/apps").handler(ctx -> answer(ctx, 200, control.list()));
        router.put("/apps/:app").handler(ctx -> withBody(ctx, this::deploy));
        router.get("/apps/:app").handler(ctx -> answer(ctx, 200, control.get(ctx.pathParam("app"))));
        router.delete("/apps/:app").handler(ctx -> change(ctx, 200, control.delete(ctx.pathParam("app"))));
        router.get("/apps/:app/versions").handler(ctx -> answer(ctx, 200, control.versions(ctx.pathParam("app"))));
        router.post("/apps/:app/rollback").handler(ctx -> withBody(ctx, this::rollback));
        router.post("/apps/:app/enable").handler(ctx -> change(ctx, 200, control.enable(ctx.pathParam("app"), true)));
        router.post("/apps/:app/disable").handler(ctx -> change(ctx, 200,
                control.enable(ctx.pathParam("app"), false)));
        router.get("/sites").handler(ctx -> answer(ctx, 200, sites.list()));
        router.put("/sites/:site").handler(ctx -> withBody(ctx, (context, body) -> {
            JsonObject json = json(context, body);
            if (json != null) {
                change(context, 200, sites.put(context.pathParam("site"), json));
            }
        }));
        router.get("/sites/:site").handler(ctx -> answer(ctx, 200, sites.get(ctx.pathParam("site"))));
        router.delete("/sites/:site").handler(ctx -> change(ctx, 200, sites.delete(ctx.pathParam("site"))));
    }

    /**
     * Reads the body within the module cap, then hands it on. Read here rather than by vertx-web's BodyHandler,
     * which answers 200 OK to a chunked body it cannot decode (it fails the route with status 200 for any error
     * but a DecoderException), and which gives a stalled body no deadline.
     */
    private void withBody(RoutingContext ctx, BiConsumer<RoutingContext, Buffer> then) {
        bodies.collect(ctx.request(), control.maxModuleBytes() + JSON_OVERHEAD)
                .onSuccess(body -> then.accept(ctx, body))
                .onFailure(failure -> refuseBody(ctx, failure));
    }

    private void refuseBody(RoutingContext ctx, Throwable failure) {
        if (!Replies.refuseBody(connections, ctx.request(), failure, "module-too-large", " (deploy: max-module-mb)")) {
            fail(ctx, failure); // the client went away: there is no one to answer
        }
    }

    /** Body: the module ({@code application/wasm}), or JSON naming it with the app's config (docs/admin-api.md). */
    private void deploy(RoutingContext ctx, Buffer body) {
        String type = ctx.request().getHeader("content-type");
        AppControl.Request request;
        if (type != null && type.startsWith("application/json")) {
            JsonObject json = json(ctx, body);
            if (json == null) {
                return;
            }
            Object config = json.getValue("config");
            Object module = json.getValue("module");
            Object url = json.getValue("module-url");
            if (config != null && !(config instanceof JsonObject)
                    || module != null && !(module instanceof String) || url != null && !(url instanceof String)) {
                error(ctx.response(), new DeployException(400, "bad-json",
                        "config must be an object; module and module-url strings"));
                return;
            }
            request = new AppControl.Request(null, (String) module, (String) url, (JsonObject) config);
        } else {
            request = new AppControl.Request(body.getBytes(), null, null, null);
        }
        change(ctx, 201, control.deploy(ctx.pathParam("app"), request));
    }

    /** Body (optional): {@code {"version": N}}; without it, the version before the active one. */
    private void rollback(RoutingContext ctx, Buffer body) {
        Integer version = null;
        if (body.length() > 0) {
            JsonObject json = json(ctx, body);
            if (json == null) {
                return;
            }
            if (json.containsKey("version") && !(json.getValue("version") instanceof Integer)) {
                error(ctx.response(), new DeployException(400, "bad-version", "version must be a whole number"));
                return;
            }
            version = json.getInteger("version");
        }
        change(ctx, 200, control.rollback(ctx.pathParam("app"), version));
    }

    private static JsonObject json(RoutingContext ctx, Buffer body) {
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            error(ctx.response(), new DeployException(400, "bad-json", "the body is not a JSON object: "
                    + e.getMessage()));
            return null;
        }
    }

    /** A change answers {@code status} once every node runs it, 202 when some node has not confirmed yet. */
    static void change(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(json -> send(ctx.response(), json.getBoolean("complete") ? status : 202, json.encode()))
                .onFailure(failure -> fail(ctx, failure));
    }

    private static void answer(RoutingContext ctx, int status, Future<?> result) {
        result.onSuccess(json -> send(ctx.response(), status, json.toString()))
                .onFailure(failure -> fail(ctx, failure));
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof DeployException refused) {
            error(ctx.response(), refused);
            return;
        }
        LOG.log(Level.WARNING, "admin API: " + ctx.request().method() + " " + ctx.request().path() + " failed",
                failure);
        send(ctx.response(), 500, new JsonObject().put("error", "internal")
                .put("message", String.valueOf(failure.getMessage())).encode());
    }

    private static void error(HttpServerResponse out, DeployException refused) {
        Replies.error(out, refused.status(), refused.code(), refused.getMessage());
    }

    private static void send(HttpServerResponse out, int status, String json) {
        Replies.json(out, status, json);
    }
}
