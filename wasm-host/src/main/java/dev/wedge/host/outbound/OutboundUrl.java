package dev.wedge.host.outbound;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.Status;
import dev.wedge.host.net.HostLiteral;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An absolute {@code http} or {@code https} URL an app calls: its host read the way browsers read it (any spelling
 * of an IPv4 address is that address, {@link HostLiteral}), without user info (credentials go in a header), and
 * its target (path and query; a fragment is dropped). Anything else is {@link Status#INVALID_URL}.
 *
 * @param host lower case; an IPv6 literal without its brackets
 * @param literal the address the host spells, or null for a name to resolve
 * @param target path and query as sent, {@code /} at least
 */
record OutboundUrl(boolean https, String host, InetAddress literal, int port, String target) {

    private static final int MAX_LENGTH = 8192;

    static OutboundUrl parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid("URL longer than " + MAX_LENGTH + " characters");
        }
        int colon = text.indexOf("://");
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("only absolute http and https URLs can be called: " + text);
        }
        boolean https = scheme.equals("https");
        String rest = text.substring(colon + 3);
        int end = firstOf(rest, "/?#");
        String authority = rest.substring(0, end);
        String target = targetOf(rest.substring(end));
        if (authority.contains("@")) {
            throw invalid("a URL with user info; send credentials in a header");
        }
        int portColon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']'))
                : authority.lastIndexOf(':');
        String host = portColon < 0 ? authority : authority.substring(0, portColon);
        int port = portColon < 0 ? (https ? 443 : 80) : port(authority.substring(portColon + 1));
        host = asciiHost(host);
        InetAddress literal;
        try {
            literal = HostLiteral.parse(host);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new OutboundUrl(https, bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare, literal,
                port, target);
    }

    /** The URL a redirect's {@code Location} names, relative to this one. */
    OutboundUrl resolve(String location) {
        try {
            return parse(URI.create(text()).resolve(URI.create(location.strip())).toString());
        } catch (IllegalArgumentException e) {
            throw invalid("redirect to an unusable location: " + e.getMessage());
        }
    }

    /** The URL as requested (the query included: only for requests, never for logs). */
    String text() {
        return (https ? "https://" : "http://") + authority() + target;
    }

    /** The URL without its query, for logs: a query often carries tokens. */
    String shown() {
        int query = target.indexOf('?');
        return (https ? "https://" : "http://") + authority() + (query < 0 ? target : target.substring(0, query));
    }

    /** Host and port as the {@code Host} header gives them (the port only when not the scheme's). */
    String authority() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? name : name + ":" + port;
    }

    /** Scheme, host and port: what decides whether credentials may follow a redirect. */
    boolean sameOrigin(OutboundUrl other) {
        return https == other.https && host.equals(other.host) && port == other.port;
    }

    private static String asciiHost(String host) {
        if (host.isEmpty()) {
            throw invalid("a URL without a host");
        }
        if (host.startsWith("[")) {
            return host.toLowerCase(Locale.ROOT);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid("not a host name: " + host);
        }
        if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
            throw invalid("not a host name: " + host);
        }
        return ascii;
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("not a port: " + text);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw invalid("not a port: " + text);
        }
        return port;
    }

    /** Path and query, fragment dropped; non-ASCII bytes percent-encoded, spaces and controls refused. */
    private static String targetOf(String rest) {
        int hash = rest.indexOf('#');
        String target = hash < 0 ? rest : rest.substring(0, hash);
        if (target.isEmpty() || target.startsWith("?")) {
            target = "/" + target;
        }
        var out = new StringBuilder(target.length());
        for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c == 0x7f) {
                throw invalid("a URL may not contain spaces or control characters");
            }
            if (c >= 0x80) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static AbiException invalid(String why) {
        return new AbiException(Status.INVALID_URL, why);
    }
}
