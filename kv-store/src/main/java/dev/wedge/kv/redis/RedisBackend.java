package dev.wedge.kv.redis;

import dev.wedge.kv.KvBackend;
import dev.wedge.kv.KvStore;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code redis}: a Redis server at a {@code redis://HOST:PORT} URL, through the Vert.x Redis client. In the short
 * form the URL's path is a key prefix, not a database number: stores share a database by prefix.
 */
public final class RedisBackend implements KvBackend {

    public static final String NAME = "redis";
    private static final String SCHEME = "redis://";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String shortForm() {
        return SCHEME + "HOST:PORT[/prefix]";
    }

    @Override
    public KvStoreConfig fromShortForm(String name, String spec, Path baseDir) throws ConfigException {
        if (!spec.startsWith(SCHEME)) {
            return null;
        }
        try {
            URI uri = new URI(spec);
            if (uri.getHost() == null) {
                throw new ConfigException("kv store " + name + ": no host in " + spec);
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            String prefix = path.startsWith("/") ? path.substring(1) : path;
            return KvStoreConfig.of(name, NAME, SCHEME + uri.getRawAuthority()).withPrefix(prefix);
        } catch (URISyntaxException e) {
            throw new ConfigException("kv store " + name + ": bad Redis URL " + spec + ": " + e.getMessage());
        }
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("url");
    }

    @Override
    public String location(Section store, Path baseDir) throws ConfigException {
        String url = store.string("url", null);
        if (url == null) {
            throw new ConfigException(store.key("url") + " is missing: e.g. redis://127.0.0.1:6379");
        }
        return url;
    }

    @Override
    public KvStore open(Vertx vertx, KvStoreConfig config) {
        return new RedisKvStore(vertx, config.location(), config.timeout());
    }
}
