package dev.wedge.bench.templates;

import dev.wedge.host.cache.AppCache;
import dev.wedge.host.cache.CacheSettings;
import dev.wedge.host.cache.MemoryCache;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The small http templates in Java: api-key, geo-redirect, rate-limit, anon-proxy. */
final class GateFloors {

    private GateFloors() {}

    /** api-key: X-API-Key compared with the secret in constant time (MessageDigest.isEqual): 200, 401 or 403. */
    static JavaFloor apiKey(String key) {
        byte[] expected = key.getBytes(StandardCharsets.UTF_8);
        return request -> {
            String given = request.headers().get("x-api-key");
            String text = given == null ? "an X-API-Key header is required"
                    : MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected) ? "access granted"
                    : "wrong API key";
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * geo-redirect: the client's country (geoip-country-code, set by the node) looked up in the dictionary,
     * then in COUNTRY_URLS ("DE=https://example.de/, ..."), else DEFAULT; the 302's body names the target.
     */
    static JavaFloor geoRedirect(Map<String, String> settings) {
        return request -> {
            String country = request.headers().get("geoip-country-code");
            String target = null;
            if (country != null && !country.isEmpty()) {
                target = settings.get(country);
                target = target != null ? target : listed(settings.get("COUNTRY_URLS"), country);
            }
            target = target != null ? target : settings.get("DEFAULT");
            return ("redirecting to " + target + "\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String listed(String list, String country) {
        if (list == null) {
            return null;
        }
        for (String entry : list.split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0 && entry.substring(0, eq).strip().toUpperCase(Locale.ROOT).equals(country.toUpperCase(
                    Locale.ROOT)) && !entry.substring(eq + 1).isBlank()) {
                return entry.substring(eq + 1).strip();
            }
        }
        return null;
    }

    /**
     * rate-limit: one counter per client address and window in the same PoP cache as the node's (a {@link
     * MemoryCache}), incremented, given its TTL by the window's first request; "ok N/LIMIT" with the headers.
     */
    static JavaFloor rateLimit(Map<String, String> settings) {
        AppCache cache = new MemoryCache(Clock.systemUTC()).view("rate-limit", CacheSettings.DEFAULT_MAX_ENTRIES);
        long limit = Long.parseLong(settings.get("LIMIT"));
        long window = Long.parseLong(settings.get("WINDOW"));
        return request -> {
            long now = System.currentTimeMillis() / 1000;
            long number = now / window;
            String key = "rl:" + request.remoteAddress() + ":" + number;
            long count = TemplateOrigin.await(cache.incr(key, 1));
            if (count == 1) {
                TemplateOrigin.await(cache.expire(key, ((number + 1) * window - now) * 1000));
            }
            if (count > limit) {
                throw new IllegalStateException("the bench case's limit is never reached");
            }
            return ("ok " + count + "/" + limit + "\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * anon-proxy: a GET of the {@code url} parameter, with the request's headers but those that tell who asked or
     * belong to the hop, through a Vert.x client as the node's outbound client is; the origin's body.
     */
    static JavaFloor anonProxy(TemplateOrigin origin) {
        HttpClient client = origin.vertx().createHttpClient();
        Set<String> identifying = Set.of("host", "referer", "x-real-ip", "x-forwarded-for", "forwarded",
                "server_name", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te",
                "trailer", "proxy-connection");
        return request -> {
            RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET)
                    .setAbsoluteURI(Query.param(request.query(), "url"));
            request.headers().entries().stream().filter(header -> !identifying.contains(header.getKey())
                    && !header.getKey().startsWith("geoip-")).forEach(header -> get.addHeader(header.getKey(),
                            header.getValue()));
            return TemplateOrigin.await(client.request(get).compose(req -> req.send()
                    .compose(response -> response.body()))).getBytes();
        };
    }
}
