package dev.wedge.node;

import dev.wedge.cache.HttpCache;
import dev.wedge.cache.NodeCacheSettings;
import dev.wedge.cache.Purge;
import dev.wedge.cache.SiteCache;
import dev.wedge.config.SiteSpec;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.CachedOrigin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The node's HTTP cache for its sites, and purges applied on every node of the PoP: a purge is applied here, then
 * published on the event bus, which a clustered node shares with the others (docs/cache.md, "Purge").
 */
final class PopCache {

    private static final Logger LOG = Logger.getLogger(PopCache.class.getName());
    static final String PURGES = "wedge.cache.purge";

    private final Vertx vertx;
    private final HttpCache cache;
    private final NodeMetrics metrics;
    private final String id = UUID.randomUUID().toString();
    private final MessageConsumer<JsonObject> consumer;

    private PopCache(Vertx vertx, HttpCache cache, NodeMetrics metrics) {
        this.vertx = vertx;
        this.cache = cache;
        this.metrics = metrics;
        this.consumer = vertx.eventBus().consumer(PURGES, message -> {
            JsonObject body = message.body();
            if (!id.equals(body.getString("from"))) {
                var purge = new Purge(Purge.Kind.valueOf(body.getString("kind")), body.getString("value"));
                cache.purge(purge).onFailure(failed -> LOG.warning("cache: a purge from another node failed: "
                        + failed.getMessage()));
            }
        });
    }

    static Future<PopCache> open(Vertx vertx, NodeCacheSettings settings, NodeMetrics metrics) {
        return HttpCache.open(vertx, settings).map(cache -> new PopCache(vertx, cache, metrics));
    }

    /** What a site's origin requests go through: its cache, or null (the node's client) when it has none. */
    Upstream origin(SiteSpec site, Upstream client) {
        if (!site.cache().enabled()) {
            return null;
        }
        SiteCache siteCache = cache.site(site.name(), site.cache());
        metrics.cacheSite(site.name(), siteCache.stats(), () -> cache.storedBytes(site.name()));
        return new CachedOrigin(client, siteCache);
    }

    /** Applies a purge here and on the PoP's other nodes; how many entries this node removed. */
    Future<Integer> purge(Purge purge) {
        return cache.purge(purge).andThen(done -> vertx.eventBus().publish(PURGES, new JsonObject()
                .put("from", id).put("kind", purge.kind().name()).put("value", purge.value())));
    }

    Future<Void> close() {
        return consumer.unregister().eventually(cache::close);
    }
}
