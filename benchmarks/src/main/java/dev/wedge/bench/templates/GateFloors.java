package dev.wedge.bench.templates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/** The small http templates that answer from the request alone, in Java. */
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
}
