package dev.wedge.deploy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A deploy's {@code module-url}, and how it may be shown: never with its user info or its query, where
 * credentials live ({@code https://user:token@host/...}, presigned {@code ?X-Amz-Signature=...}).
 *
 * @param shown the URL as answers and logs may print it
 */
record ModuleUrl(URI uri, String host, int port, boolean https, String shown) {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final int MAX_SHOWN = 300;

    static ModuleUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw DeployException.badRequest("bad-module-url", "module-url is not a URL: " + redact(text));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw DeployException.badRequest("bad-module-url", "module-url must be an absolute http or https URL, not "
                    + redact(text));
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        return new ModuleUrl(uri, uri.getHost(), port, https, redact(text));
    }

    /**
     * The text with its user info and its query (and fragment) replaced by {@code ***}, whether or not it parses:
     * everything before the last {@code @} ahead of the query goes, even where that {@code @} is in a path,
     * since a password with a stray {@code /} in it must not show either.
     */
    static String redact(String text) {
        int query = text.length();
        for (char mark : new char[] {'?', '#'}) {
            int at = text.indexOf(mark);
            query = at >= 0 ? Math.min(query, at) : query;
        }
        String before = text.substring(0, query);
        int at = before.lastIndexOf('@');
        if (at >= 0) {
            var scheme = SCHEME.matcher(before);
            String kept = scheme.find() && scheme.end() <= at ? before.substring(0, scheme.end()) : "";
            before = kept + "***" + before.substring(at);
        }
        String shown = query < text.length() ? before + "?***" : before;
        return shown.length() > MAX_SHOWN ? shown.substring(0, MAX_SHOWN) + "..." : shown;
    }

    /** The host as a resolver takes it: an IPv6 literal without its brackets. */
    String hostToResolve() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Path and query, as the request line carries them. */
    String target() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Credentials given in the URL, sent as HTTP basic authentication (as curl does); null without any. */
    String basicAuthorization() {
        String userInfo = uri.getUserInfo();
        return userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
