package dev.wedge.admin;

import dev.wedge.cache.Purge;
import dev.wedge.server.BodyCollector;
import dev.wedge.server.BodyTooLarge;
import dev.wedge.server.Connections;
import dev.wedge.server.RefusedBody;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * {@code POST /cache/purge} (docs/admin-api.md): removes cached responses by URL, prefix, tag or all of them, on
 * every node of the PoP; answers how many entries this node removed.
 */
final class CacheApi {

    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final Function<Purge, Future<Integer>> purges;
    private final BodyCollector bodies;
    private final Connections connections;

    CacheApi(Function<Purge, Future<Integer>> purges, BodyCollector bodies, Connections connections) {
        this.purges = purges;
        this.bodies = bodies;
        this.connections = connections;
    }

    void mount(Router router) {
        router.post("/cache/purge").handler(ctx -> bodies.collect(ctx.request(), MAX_BODY_BYTES)
                .onSuccess(body -> purge(ctx, body))
                .onFailure(failure -> refuse(ctx, failure)));
    }

    private void purge(RoutingContext ctx, Buffer body) {
        Purge purge;
        try {
            purge = parse(new JsonObject(body));
        } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
            Replies.error(ctx.response(), 400, "bad-purge", "the body must be one of {\"url\": ...}, {\"prefix\": "
                    + "...}, {\"tag\": ...}, {\"all\": true}: " + e.getMessage());
            return;
        }
        purges.apply(purge).onSuccess(count -> Replies.json(ctx.response(), 200, new JsonObject()
                        .put("purged", count).put("by", purge.kind().label()).put("value", purge.value()).encode()))
                .onFailure(failed -> Replies.error(ctx.response(), 500, "purge-failed", failed.getMessage()));
    }

    private static Purge parse(JsonObject json) {
        List<String> given = json.fieldNames().stream().toList();
        if (given.size() != 1) {
            throw new IllegalArgumentException("give exactly one of url, prefix, tag, all");
        }
        String field = given.get(0);
        return switch (field) {
            case "url" -> new Purge(Purge.Kind.URL, json.getString(field));
            case "prefix" -> new Purge(Purge.Kind.PREFIX, json.getString(field));
            case "tag" -> new Purge(Purge.Kind.TAG, json.getString(field));
            case "all" -> {
                if (!Boolean.TRUE.equals(json.getBoolean(field))) {
                    throw new IllegalArgumentException("all must be true");
                }
                yield Purge.all();
            }
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
    }

    private void refuse(RoutingContext ctx, Throwable failure) {
        if (failure instanceof BodyTooLarge tooLarge) {
            Future<Void> written = Replies.error(ctx.response().putHeader(HttpHeaders.CONNECTION, "close"), 413,
                    "body-too-large", tooLarge.getMessage());
            connections.closeAfter(ctx.request(), Future.join(written, BodyCollector.discardRest(ctx.request())));
        } else if (failure instanceof RefusedBody refused) {
            Replies.errorAndClose(connections, ctx.request(), refused.answer().status(), refused.answer().reason(),
                    refused.getMessage());
        } else {
            ctx.fail(failure);
        }
    }
}
