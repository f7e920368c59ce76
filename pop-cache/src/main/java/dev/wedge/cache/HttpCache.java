package dev.wedge.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.h2.mvstore.MVStoreException;

/**
 * The node's HTTP cache: one store (memory and disk tiers, bounded for all sites together) shared by its sites'
 * caches, each with its own settings and counters. Purges apply to every site.
 */
public final class HttpCache {

    private final Vertx vertx;
    private final Store store;
    private final LongSupplier clock;
    private final Map<String, SiteCache> sites = new ConcurrentHashMap<>();
    private final Map<String, CacheStats> stats = new ConcurrentHashMap<>();

    private HttpCache(Vertx vertx, Store store, LongSupplier clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    public static Future<HttpCache> open(Vertx vertx, NodeCacheSettings settings) {
        return open(vertx, settings, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds; tests move it instead of waiting */
    public static Future<HttpCache> open(Vertx vertx, NodeCacheSettings settings, LongSupplier clock) {
        if (settings.diskBytes() == 0) {
            return Future.succeededFuture(new HttpCache(vertx, new Store(settings.memoryBytes(), null, null), clock));
        }
        // its own threads: runs waiting on the worker pool must never wait for disk work queued behind them
        WorkerExecutor io = vertx.createSharedWorkerExecutor("wedge-cache-io-" + settings.dir(), 2);
        return io.executeBlocking(() -> {
            try {
                return DiskTier.open(settings.dir(), settings.diskBytes());
            } catch (IOException | MVStoreException e) { // a directory in use by another node is locked
                throw new IllegalStateException("cannot open the cache's disk tier at " + settings.dir() + ": "
                        + e.getMessage(), e);
            }
        }, false).map(disk -> new HttpCache(vertx, new Store(settings.memoryBytes(), disk, io), clock));
    }

    /**
     * The cache of a site; one per name, made anew when the site's settings change (a site put again through the
     * admin API), its entries and its counts kept.
     */
    public SiteCache site(String name, CacheSettings settings) {
        CacheStats counts = stats.computeIfAbsent(name, site -> new CacheStats());
        return sites.compute(name, (site, known) -> known != null && known.settings().equals(settings) ? known
                : new SiteCache(vertx, site, settings, store, clock, counts));
    }

    /** Removes what the purge names, on this node; how many entries went. */
    public Future<Integer> purge(Purge purge) {
        return store.remove(purge::matches);
    }

    /** Bytes stored for a site, memory and disk. */
    public long storedBytes(String site) {
        return store.storedBytes(site);
    }

    public Future<Void> close() {
        return store.close();
    }
}
