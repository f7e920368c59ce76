package dev.wedge.config;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;

import dev.wedge.kv.KvStoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;

/** Reads key-value store definitions: the config file's {@code kv-stores} entries and the CLI's short form. */
public final class KvStoreSpecs {

    public static final String DEFAULT_STORE = "default";
    private static final String EMBEDDED = "embedded";
    private static final String REDIS = "redis";

    private KvStoreSpecs() {}

    /**
     * {@code redis://HOST:PORT[/prefix]} or {@code embedded[:DIR]}, as {@code --kv-store NAME=SPEC} takes it.
     * The URL's path is a key prefix, not a database number: stores share a database by prefix.
     */
    public static KvStoreConfig parse(String name, String spec) throws ConfigException {
        if (spec.equals(EMBEDDED) || spec.startsWith(EMBEDDED + ":")) {
            String dir = spec.length() > EMBEDDED.length() ? spec.substring(EMBEDDED.length() + 1) : null;
            return KvStoreConfig.of(name, EMBEDDED, dir);
        }
        if (spec.startsWith("redis://")) {
            try {
                URI uri = new URI(spec);
                if (uri.getHost() == null) {
                    throw new ConfigException("kv store " + name + ": no host in " + spec);
                }
                String path = uri.getPath() == null ? "" : uri.getPath();
                String prefix = path.startsWith("/") ? path.substring(1) : path;
                String address = "redis://" + uri.getRawAuthority();
                return KvStoreConfig.of(name, REDIS, address).withPrefix(prefix);
            } catch (URISyntaxException e) {
                throw new ConfigException("kv store " + name + ": bad Redis URL " + spec + ": " + e.getMessage());
            }
        }
        throw new ConfigException("kv store " + name + ": expected redis://HOST:PORT[/prefix] or embedded[:DIR], not '"
                + spec + "'");
    }

    /** A {@code kv-stores.NAME} section of the config file. */
    static KvStoreConfig read(String name, Section section) throws ConfigException {
        section.allowOnly(Set.of("backend", "url", "dir", "prefix", "cache-size", "cache-ttl-ms",
                "timeout-ms", "max-value-bytes"));
        String backend = section.string("backend", EMBEDDED);
        String location = backend.equals(REDIS) ? section.string("url", null) : section.string("dir", null);
        if (backend.equals(REDIS) && location == null) {
            throw new ConfigException(section.key("url") + " is missing: e.g. redis://127.0.0.1:6379");
        }
        return KvStoreConfig.of(name, backend, location)
                .withPrefix(section.string("prefix", ""))
                .withCache(section.number("cache-size", 0, 0, 10_000_000),
                        Duration.ofMillis(section.number("cache-ttl-ms", 60_000, 1, 86_400_000)))
                .withTimeout(Duration.ofMillis(section.number("timeout-ms", 1_000, 1, 600_000)))
                .withMaxValueBytes((int) section.number("max-value-bytes", KvStoreConfig.DEFAULT_MAX_VALUE_BYTES, 1,
                        512 * 1024 * 1024));
    }
}
