package dev.wedge.host.proxywasm;

import dev.wedge.host.abi.ProxyStatus;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The properties a filter reads and writes ({@code proxy_get_property}, {@code proxy_set_property}), with
 * FastEdge's names and rules: {@code request.url/host/path/query} are writable while the request headers are
 * filtered and change what goes to the origin; {@code response.status} is a 2-byte big-endian number; any other
 * name is a custom property of the request. Paths come dotted ({@code request.path}) or NUL-separated (Envoy's
 * SDKs); both mean the same.
 */
public final class Properties {

    private static final Set<String> WRITABLE = Set.of("request.url", "request.host", "request.path",
            "request.query");
    /** FastEdge's geo properties, each the {@code geoip-*} header the node sets about the client. */
    private static final Map<String, String> GEO = Map.of("request.country", "geoip-country-code",
            "request.country.name", "geoip-country-name", "request.city", "geoip-city", "request.region",
            "geoip-reg", "request.continent", "geoip-continent", "request.asn", "geoip-asn", "request.geo.lat",
            "geoip-lat", "request.geo.long", "geoip-long");
    private static final Set<String> READ_ONLY = Set.of("request.scheme", "request.method", "request.extension",
            "request.x_real_ip", "response.status", "plugin_root_id", "plugin_name", "request.country",
            "request.country.name", "request.city", "request.region", "request.continent", "request.asn",
            "request.geo.lat", "request.geo.long");

    private Properties() {}

    /**
     * The {@code geoip-*} header behind a geo property ({@code request.country}: {@code geoip-country-code}), or
     * null when the property is not one of them.
     */
    public static String geoHeader(String property) {
        return GEO.get(property);
    }

    static String path(byte[] raw) {
        String path = new String(raw, StandardCharsets.UTF_8).replace('\0', '.');
        return path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    }

    /** The value, or null when the property is absent. */
    static byte[] get(FilterContext context, String path) {
        if (path.equals("plugin_root_id") || path.equals("plugin_name")) {
            return utf8(context.app()); // SDKs that look up their root context by name register it under the app's
        }
        CdnExchange exchange = context.exchange();
        String pathAndQuery = exchange.pseudo(":path");
        int q = pathAndQuery.indexOf('?');
        return switch (path) {
            case "request.url" -> utf8(exchange.pseudo(":scheme") + "://" + exchange.pseudo(":authority")
                    + pathAndQuery);
            case "request.host" -> utf8(exchange.pseudo(":authority"));
            case "request.path" -> utf8(pathAndQuery);
            case "request.query" -> utf8(q < 0 ? "" : pathAndQuery.substring(q + 1));
            case "request.scheme" -> utf8(exchange.pseudo(":scheme"));
            case "request.method" -> utf8(exchange.pseudo(":method"));
            case "request.extension" -> utf8(extension(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)));
            case "request.x_real_ip" -> utf8(exchange.remoteAddress());
            case "response.status" -> exchange.responseStatus() == 0 ? null : new byte[] {
                (byte) (exchange.responseStatus() >> 8), (byte) exchange.responseStatus()};
            case "nginx.log_field1" -> null; // write-only
            default -> GEO.containsKey(path) ? geo(exchange, GEO.get(path)) : exchange.property(path);
        };
    }

    /** @return a proxy-wasm status */
    static int set(FilterContext context, String path, byte[] value) {
        CdnExchange exchange = context.exchange();
        if (READ_ONLY.contains(path)) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        if (path.equals("nginx.log_field1")) {
            exchange.logField(new String(value, StandardCharsets.UTF_8));
            return ProxyStatus.OK;
        }
        if (!WRITABLE.contains(path)) {
            exchange.property(path, value);
            return ProxyStatus.OK;
        }
        if (exchange.phase() != Phase.REQUEST_HEADERS) {
            return ProxyStatus.BAD_ARGUMENT; // the request has left for the origin
        }
        return rewrite(exchange, path, new String(value, StandardCharsets.UTF_8));
    }

    private static int rewrite(CdnExchange exchange, String path, String text) {
        if (text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        HeaderMap headers = exchange.requestHeaders();
        String pathAndQuery = exchange.pseudo(":path");
        int q = pathAndQuery.indexOf('?');
        switch (path) {
            case "request.host" -> headers.replace(":authority", text);
            case "request.path" -> {
                if (!text.startsWith("/")) {
                    return ProxyStatus.BAD_ARGUMENT;
                }
                headers.replace(":path", text);
            }
            case "request.query" -> headers.replace(":path", (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                    + (text.isEmpty() ? "" : "?" + (text.startsWith("?") ? text.substring(1) : text)));
            default -> { // request.url
                int schemeEnd = text.indexOf("://");
                if (schemeEnd <= 0) {
                    return ProxyStatus.BAD_ARGUMENT;
                }
                int slash = text.indexOf('/', schemeEnd + 3);
                headers.replace(":scheme", text.substring(0, schemeEnd));
                headers.replace(":authority", text.substring(schemeEnd + 3, slash < 0 ? text.length() : slash));
                headers.replace(":path", slash < 0 ? "/" : text.substring(slash));
            }
        }
        return ProxyStatus.OK;
    }

    private static String extension(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot < 0 ? "" : last.substring(dot + 1);
    }

    private static byte[] geo(CdnExchange exchange, String header) {
        String value = exchange.clientHeader(header);
        return value == null ? null : utf8(value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
