package dev.wedge.cache;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the cache reads from request and response heads, and the marks it leaves on its answers. */
final class Heads {

    private Heads() {}

    /** The headers a fill asks the origin with: no Range, and none of the client's conditions. */
    static MultiMap fillHeaders(MultiMap headers) {
        return MultiMap.caseInsensitiveMultiMap().addAll(headers).remove("range").remove("if-range")
                .remove("if-none-match").remove("if-modified-since").remove("if-match")
                .remove("if-unmodified-since");
    }

    /** The client's If-None-Match (weak comparison), else its If-Modified-Since, holds for the stored head. */
    static boolean notModified(MultiMap request, MultiMap head) {
        String tags = request.get("if-none-match");
        String etag = head.get("etag");
        if (tags != null) {
            return etag != null && (tags.strip().equals("*") || Arrays.stream(tags.split(","))
                    .map(tag -> weak(tag.strip())).anyMatch(weak(etag)::equals));
        }
        String since = request.get("if-modified-since");
        String modified = head.get("last-modified");
        return since != null && modified != null
                && Policy.date(modified, Long.MAX_VALUE) <= Policy.date(since, Long.MIN_VALUE);
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** The request headers a response varies on, lower-case and sorted. */
    static List<String> varyNames(MultiMap headers) {
        return headers.getAll("vary").stream().flatMap(line -> Arrays.stream(line.split(",")))
                .map(name -> name.strip().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty()).sorted()
                .distinct().toList();
    }

    /** Surrogate-Key is space-separated (Fastly's form), Cache-Tag comma-separated (Cloudflare's). */
    static Set<String> tags(MultiMap headers) {
        Set<String> tags = new HashSet<>();
        headers.getAll("surrogate-key").forEach(line -> tags.addAll(Arrays.asList(line.strip().split("\\s+"))));
        headers.getAll("cache-tag").forEach(line -> Arrays.stream(line.split(",")).map(String::strip)
                .forEach(tags::add));
        tags.remove("");
        return tags;
    }

    /** The origin's response as the cache passes it on: its purge tags removed, {@code x-cache} added. */
    static Reply labelled(Reply reply, String label) {
        reply.headers().remove("surrogate-key").remove("cache-tag").set(SiteCache.X_CACHE, label);
        return reply;
    }
}
