package dev.wedge.admin;

import dev.wedge.deploy.AppControl;
import dev.wedge.deploy.DeployException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The admin API's deploy endpoints (described in openapi.yaml, served at /openapi.yaml). */
final class AppsApi {

    private static final Logger LOG = Logger.getLogger(AppsApi.class.getName());
    private static final long JSON_OVERHEAD = 64 * 1024;

    private final AppControl control;

    AppsApi(AppControl control) {
        this.control = control;
    }

    /** Adds the routes; call after the token check is in place. */
    void mount(Router router) {
        var body = BodyHandler.create(false).setBodyLimit(control.maxModuleBytes() + JSON_OVERHEAD);
        router.post("/modules").handler(body).handler(ctx -> answer(ctx, 201, control.upload(ctx.body().buffer()
                == null ? new byte[0] : ctx.body().buffer().getBytes())));
        router.get("/apps").handler(ctx -> answer(ctx, 200, control.list()));
        router.put("/apps/:app").handler(body).handler(this::deploy);
        router.get("/apps/:app").handler(ctx -> answer(ctx, 200, control.get(ctx.pathParam("app"))));
        router.delete("/apps/:app").handler(ctx -> change(ctx, 200, control.delete(ctx.pathParam("app"))));
        router.get("/apps/:app/versions").handler(ctx -> answer(ctx, 200, control.versions(ctx.pathParam("app"))));
        router.post("/apps/:app/rollback").handler(body).handler(this::rollback);
        router.post("/apps/:app/enable").handler(ctx -> change(ctx, 200, control.enable(ctx.pathParam("app"), true)));
        router.post("/apps/:app/disable").handler(ctx -> change(ctx, 200,
                control.enable(ctx.pathParam("app"), false)));
    }

    /** Body: the module ({@code application/wasm}), or JSON naming it with the app's config (docs/admin-api.md). */
    private void deploy(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        AppControl.Request request;
        if (type != null && type.startsWith("application/json")) {
            JsonObject json = json(ctx);
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
            byte[] wasm = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            request = new AppControl.Request(wasm, null, null, null);
        }
        change(ctx, 201, control.deploy(ctx.pathParam("app"), request));
    }

    /** Body (optional): {@code {"version": N}}; without it, the version before the active one. */
    private void rollback(RoutingContext ctx) {
        Integer version = null;
        if (ctx.body().length() > 0) {
            JsonObject json = json(ctx);
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

    private static JsonObject json(RoutingContext ctx) {
        try {
            return ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            error(ctx.response(), new DeployException(400, "bad-json", "the body is not a JSON object: "
                    + e.getMessage()));
            return null;
        }
    }

    /** A change answers {@code status} once every node runs it, 202 when some node has not confirmed yet. */
    private static void change(RoutingContext ctx, int status, Future<JsonObject> result) {
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
        send(out, refused.status(), new JsonObject().put("error", refused.code())
                .put("message", refused.getMessage()).encode());
    }

    private static void send(HttpServerResponse out, int status, String json) {
        if (!out.ended() && !out.closed()) {
            out.setStatusCode(status).putHeader("content-type", "application/json").end(json);
        }
    }
}
