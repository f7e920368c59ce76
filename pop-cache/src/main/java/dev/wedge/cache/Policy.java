package dev.wedge.cache;

import io.vertx.core.MultiMap;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * RFC 9111's rules for a shared cache: which responses may be stored and for how long (docs/cache.md, "Rules").
 * Pure functions of the request, the response and the site's settings.
 */
final class Policy {

    /** Statuses cacheable by default (RFC 9110, 15.1): a site's default-ttl applies to them. */
    static final Set<Integer> HEURISTIC = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);
    /** Statuses stored at all: the heuristic ones and redirects with explicit freshness; never 206 or 304. */
    static final Set<Integer> UNDERSTOOD = Set.of(200, 203, 204, 300, 301, 302, 303, 307, 308, 404, 405, 410, 414,
            501);

    private Policy() {}

    /** GET and HEAD are answered from the cache; anything else goes to the origin. */
    static boolean cacheableMethod(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** An unsafe method invalidates what the cache holds for its URL (RFC 9111, 4.4) when it succeeds. */
    static boolean invalidates(String method, int status) {
        return !cacheableMethod(method) && !method.equals("OPTIONS") && !method.equals("TRACE") && status < 400;
    }

    /**
     * The freshness of a GET's response to store, or null when it must not be stored: a status not understood,
     * no-store, private, Vary: *, Set-Cookie, Authorization without the response allowing it, or no freshness and
     * no validator to revalidate it with.
     */
    static Freshness storable(CacheSettings settings, MultiMap request, int status, MultiMap response, long now) {
        if (!UNDERSTOOD.contains(status) || response.contains("set-cookie") || varyAll(response)) {
            return null;
        }
        if (settings.ignoreOriginHeaders()) {
            long ttl = settings.defaultTtl().toMillis();
            return ttl > 0 ? new Freshness(ttl, 0, 0, false, true) : null;
        }
        Directives cc = Directives.parse(response.getAll("cache-control"));
        if (cc.has("no-store") || cc.has("private")) {
            return null;
        }
        boolean sMaxAge = cc.seconds("s-maxage") >= 0;
        boolean authorized = cc.has("public") || cc.has("must-revalidate") || sMaxAge;
        if (request.contains("authorization") && !authorized) {
            return null;
        }
        long lifetime = lifetime(settings, cc, status, response, now);
        boolean explicit = sMaxAge || cc.seconds("max-age") >= 0 || response.contains("expires")
                || cc.has("no-cache");
        boolean validator = response.contains("etag") || response.contains("last-modified");
        if (lifetime <= 0 && !(explicit && validator)) {
            return null;
        }
        // no-cache: every use revalidates, so it is never served stale either
        boolean mustRevalidate = cc.has("must-revalidate") || cc.has("proxy-revalidate") || sMaxAge
                || cc.has("no-cache");
        return new Freshness(Math.max(0, lifetime), mustRevalidate ? 0 : millis(cc.seconds("stale-while-revalidate")),
                mustRevalidate ? 0 : millis(cc.seconds("stale-if-error")), mustRevalidate, authorized);
    }

    /** The freshness lifetime: s-maxage, max-age, Expires less Date, the site's default-ttl; 0 with no-cache. */
    private static long lifetime(CacheSettings settings, Directives cc, int status, MultiMap response, long now) {
        if (cc.has("no-cache")) {
            return 0;
        }
        if (cc.seconds("s-maxage") >= 0) {
            return cc.seconds("s-maxage") * 1000;
        }
        if (cc.seconds("max-age") >= 0) {
            return cc.seconds("max-age") * 1000;
        }
        if (response.contains("expires")) {
            long expires = date(response.get("expires"), Long.MIN_VALUE);
            long date = date(response.get("date"), now);
            return expires == Long.MIN_VALUE ? 0 : Math.max(0, expires - date); // invalid: already expired
        }
        if (response.getAll("pragma").stream().anyMatch(value -> value.contains("no-cache"))) {
            return 0;
        }
        return HEURISTIC.contains(status) ? settings.defaultTtl().toMillis() : 0;
    }

    /** The Age a response came with, in seconds (0 when absent or invalid). */
    static long age(MultiMap response) {
        String value = response.get("age");
        if (value == null || value.isEmpty() || !value.strip().chars().allMatch(Character::isDigit)
                || value.strip().length() > 10) {
            return 0;
        }
        return Long.parseLong(value.strip());
    }

    private static boolean varyAll(MultiMap response) {
        return response.getAll("vary").stream().anyMatch(line -> line.strip().equals("*") || line.contains("*"));
    }

    private static long millis(long seconds) {
        return seconds < 0 ? 0 : seconds * 1000;
    }

    static long date(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
