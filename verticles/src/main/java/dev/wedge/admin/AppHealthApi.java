package dev.wedge.admin;

import dev.wedge.server.FairShare;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * {@code GET /apps/NAME/health}: an app's load on this node as the scheduler sees it (guests running, requests
 * waiting, how many it may run now), its penalty box and the engine its next run uses (an {@code engine: auto} app
 * moves), for any app the node runs, deployed or configured.
 */
final class AppHealthApi {

    private final FairShare share;
    private final Function<String, String> engines;

    /** @param engines the engine an app of this node runs on now, by name (null when it has none loaded) */
    AppHealthApi(FairShare share, Function<String, String> engines) {
        this.share = share;
        this.engines = engines;
    }

    /** Adds the route; call after the token check is in place. */
    void mount(Router router) {
        router.get("/apps/:app/health").handler(this::health);
    }

    private void health(RoutingContext ctx) {
        String app = ctx.pathParam("app");
        FairShare.Load load = share.load(app);
        JsonObject body = load == null
                ? new JsonObject().put("error", "no-such-app").put("message", "this node has not loaded app " + app)
                : json(load).put("engine", engines.apply(app));
        ctx.response().setStatusCode(load == null ? 404 : 200).putHeader("content-type", "application/json")
                .end(body.encode());
    }

    static JsonObject json(FairShare.Load load) {
        return new JsonObject().put("app", load.app()).put("running", load.running()).put("waiting", load.waiting())
                .put("max-concurrent", load.maxConcurrent()).put("limit", load.limit())
                .put("penalty", new JsonObject().put("penalized", load.penalized())
                        .put("remaining-ms", load.penaltyRemainingMillis())
                        .put("backoff-ms", load.penaltyBackoffMillis()).put("penalties", load.penalties()))
                .put("recent", new JsonObject().put("runs", load.recentRuns())
                        .put("failures", load.recentFailures()));
    }
}
