package dev.wedge.kv.redis;

import dev.wedge.kv.KvBackend;
import dev.wedge.kv.KvStore;
import dev.wedge.kv.KvStoreConfig;
import io.vertx.core.Vertx;

/** {@code redis}: a Redis server at a {@code redis://host:port[/db]} URL, through the Vert.x Redis client. */
public final class RedisBackend implements KvBackend {

    public static final String NAME = "redis";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KvStore open(Vertx vertx, KvStoreConfig config) {
        return new RedisKvStore(vertx, config.location(), config.timeout());
    }
}
