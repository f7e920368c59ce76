package dev.wedge.cache;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A site's {@code cache:} section (docs/cache.md): whether its origin's responses are cached, for how long when the
 * origin says nothing, whether the origin's own caching headers count, what the key holds, and how large an object
 * may be stored.
 *
 * @param defaultTtl the freshness of a response that gives none (no max-age, s-maxage or Expires); zero: such a
 *     response is not stored
 * @param ignoreOriginHeaders Cache-Control, Expires and Pragma from the origin are not read: every storable
 *     response is fresh for {@code defaultTtl}
 * @param responseApps where the site's response-phase apps run relative to the cache
 */
public record CacheSettings(boolean enabled, Duration defaultTtl, boolean ignoreOriginHeaders, KeySpec key,
        long maxObjectBytes, ResponseApps responseApps) {

    /** Where response-phase apps run (docs/cache.md, "Apps and the cache"). */
    public enum ResponseApps {
        /** On every response, hits included: the cache stores the origin's response as it came. */
        ON_EVERY_RESPONSE,
        /** Once, on the origin's response: the cache stores what they made of it, and hits skip them. */
        BEFORE_STORE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final long DEFAULT_MAX_OBJECT_BYTES = 10L << 20;
    private static final Set<String> KEYS = Set.of("enabled", "default-ttl", "ignore-origin-headers", "key",
            "max-object-bytes", "response-apps");

    /** A site without a {@code cache:} section: not cached. */
    public static final CacheSettings OFF = new CacheSettings(false, Duration.ZERO, false, KeySpec.DEFAULT,
            DEFAULT_MAX_OBJECT_BYTES, ResponseApps.ON_EVERY_RESPONSE);

    /** Reads a site's {@code cache:} section, which is there: {@code cache: {}} caches with every default. */
    public static CacheSettings read(Section cache) throws ConfigException {
        cache.allowOnly(KEYS);
        String responseApps = cache.string("response-apps", ResponseApps.ON_EVERY_RESPONSE.label());
        ResponseApps apps = Arrays.stream(ResponseApps.values()).filter(value -> value.label().equals(responseApps))
                .findFirst().orElseThrow(() -> new ConfigException(cache.key("response-apps") + ": '" + responseApps
                        + "' is not one of on-every-response, before-store"));
        return new CacheSettings(flag(cache, "enabled", true),
                Duration.ofSeconds(cache.number("default-ttl", 0, 0, 365L * 24 * 3600)),
                flag(cache, "ignore-origin-headers", false), KeySpec.read(cache.section("key")),
                cache.number("max-object-bytes", DEFAULT_MAX_OBJECT_BYTES, 1, 1L << 40), apps);
    }

    static boolean flag(Section section, String key, boolean fallback) throws ConfigException {
        String value = section.string(key, Boolean.toString(fallback));
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(section.key(key) + " must be true or false");
        }
        return value.equals("true");
    }
}
