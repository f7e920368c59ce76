package dev.wedge.cache;

import java.util.Locale;

/**
 * What a purge removes (docs/cache.md, "Purge"): one URL (every variant), every URL under a prefix, every entry
 * tagged so by its origin (Surrogate-Key, Cache-Tag), or everything. URLs and prefixes are {@code host/path?query}
 * as the origin is asked for them; a scheme in front is ignored.
 */
public record Purge(Kind kind, String value) {

    public enum Kind {
        URL, PREFIX, TAG, ALL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Purge {
        if (kind == Kind.URL || kind == Kind.PREFIX) {
            value = resource(value);
        }
        if (kind != Kind.ALL && (value == null || value.isEmpty())) {
            throw new IllegalArgumentException("a purge by " + kind.label() + " needs a value");
        }
    }

    public static Purge all() {
        return new Purge(Kind.ALL, "");
    }

    boolean matches(Entry entry) {
        return switch (kind) {
            case ALL -> true;
            case URL -> entry.resource().equals(value);
            case PREFIX -> entry.resource().startsWith(value);
            case TAG -> entry.tags().contains(value);
        };
    }

    /** {@code http://Host/path} or {@code Host/path} as {@code host/path}. */
    private static String resource(String url) {
        if (url == null) {
            return null;
        }
        String bare = url.strip();
        int scheme = bare.indexOf("://");
        if (scheme >= 0) {
            bare = bare.substring(scheme + 3);
        }
        int slash = bare.indexOf('/');
        String host = slash < 0 ? bare : bare.substring(0, slash);
        return host.toLowerCase(Locale.ROOT) + (slash < 0 ? "/" : bare.substring(slash));
    }
}
