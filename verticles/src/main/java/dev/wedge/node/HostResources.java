package dev.wedge.node;

import dev.wedge.host.HostServices;
import dev.wedge.host.cache.CacheBackend;
import dev.wedge.host.cache.MemoryCache;
import dev.wedge.host.client.ClientLocator;
import dev.wedge.host.client.GeoConfig;
import dev.wedge.host.outbound.OutboundClient;
import dev.wedge.host.proxywasm.FilterShared;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.host.run.AppLog;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.KvStores;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.Queues;
import dev.wedge.server.OriginClient;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * What a node opens for its apps' capabilities and closes when it stops: key-value stores, queues, the client
 * locator (geolocation), the outbound HTTP client, the apps' cache, and for CDN apps their origins' client and
 * what their filters share node-wide. A node and {@code wedge call} open them alike, here.
 */
public final class HostResources {

    private final KvStores stores;
    private final Queues queues;
    private final ClientLocator clients;
    private final OutboundClient outbound;
    private final OriginClient origins;
    private final CacheBackend cache;
    private final FilterShared filterShared = new FilterShared();

    private HostResources(KvStores stores, Queues queues, ClientLocator clients, OutboundClient outbound,
            OriginClient origins, CacheBackend cache) {
        this.stores = stores;
        this.queues = queues;
        this.clients = clients;
        this.outbound = outbound;
        this.origins = origins;
        this.cache = cache;
    }

    /**
     * @param streams whether origins' bodies may stream to clients: a node's front pipes them, {@code wedge call}
     *     prints a whole response
     * @throws ConfigException when the geolocation files cannot be read
     */
    public static HostResources open(Vertx vertx, List<KvStoreConfig> stores, List<QueueConfig> queues,
            GeoConfig geo, boolean streams) throws ConfigException {
        return open(vertx, stores, queues, geo, streams, new MemoryCache(Clock.systemUTC()));
    }

    /** @param cache the apps' cache: the cluster's when the node is clustered, else one in its own memory */
    public static HostResources open(Vertx vertx, List<KvStoreConfig> stores, List<QueueConfig> queues,
            GeoConfig geo, boolean streams, CacheBackend cache) throws ConfigException {
        ClientLocator clients = geo.open(); // first: the only one that can refuse, before anything is opened
        return new HostResources(KvStores.open(vertx, stores), Queues.open(vertx, queues), clients,
                OutboundClient.create(vertx), new OriginClient(vertx, streams), cache);
    }

    public KvStores stores() {
        return stores;
    }

    public Queues queues() {
        return queues;
    }

    /** The client of CDN apps' origins and callouts. */
    public Upstream origins() {
        return origins;
    }

    /** The services of a Wasm host whose apps use these resources. */
    public HostServices services(AppLog log) {
        return HostServices.of(log).with(KvStores.class, stores).with(Queues.class, queues)
                .with(ClientLocator.class, clients).with(OutboundClient.class, outbound)
                .with(Upstream.class, origins).with(FilterShared.class, filterShared)
                .with(CacheBackend.class, cache);
    }

    public Future<Void> close() {
        return Future.join(stores.close(), queues.close(), outbound.close(), origins.close()).mapEmpty();
    }
}
