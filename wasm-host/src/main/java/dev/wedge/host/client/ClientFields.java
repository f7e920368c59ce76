package dev.wedge.host.client;

import java.util.List;
import java.util.Locale;

/**
 * The names of what apps learn about their client and the PoP: FastEdge's request headers, which http apps read
 * as headers, WAGI apps as {@code HTTP_*} variables, and any app with {@code wedge.client_info}.
 */
public final class ClientFields {

    public static final String REAL_IP = "x-real-ip";
    public static final String SERVER_NAME = "server_name";
    public static final String FORWARDED_FOR = "x-forwarded-for";
    /** The client's location, from the geolocation database, in this order. */
    public static final List<String> GEOIP = List.of("geoip-country-code", "geoip-country-name", "geoip-reg",
            "geoip-city", "geoip-continent", "geoip-asn", "geoip-lat", "geoip-long");
    /** The PoP's location, from the node's {@code geo.pop}. */
    public static final List<String> POP = List.of("pop-country-code", "pop-country-name", "pop-reg", "pop-city",
            "pop-continent", "pop-lat", "pop-long");

    private ClientFields() {}

    /** Whether the node sets this request header: a client's own is removed, so none can be spoofed. */
    public static boolean setByNode(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("geoip-") || lower.startsWith("pop-") || lower.equals(REAL_IP)
                || lower.equals(SERVER_NAME);
    }
}
