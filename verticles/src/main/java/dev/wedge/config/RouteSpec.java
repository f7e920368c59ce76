package dev.wedge.config;

import dev.wedge.settings.ConfigException;

import java.util.Locale;

/**
 * Where an app is served: an optional host (exact, or {@code *.example.com}) and a path prefix. Written in
 * config as {@code /path} (any host) or {@code host/path}.
 *
 * @param host lower-case host without port, or null for any host
 * @param pathPrefix starts with {@code /}; never ends with {@code /} except the root itself
 */
public record RouteSpec(String host, String pathPrefix) {

    public static RouteSpec parse(String text) throws ConfigException {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            throw new ConfigException("route '" + text + "' needs a path, e.g. /hello or example.com/hello");
        }
        String host = slash == 0 ? null : trimmed.substring(0, slash).toLowerCase(Locale.ROOT);
        if (host != null && (host.contains(":") || host.isBlank() || host.indexOf('*', 1) >= 0)) {
            throw new ConfigException("route '" + text + "': host must be a name or *.domain, without a port");
        }
        String path = trimmed.substring(slash);
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new RouteSpec(host, path);
    }

    public boolean matchesHost(String requestHost) {
        if (host == null) {
            return true;
        }
        if (host.startsWith("*.")) {
            return requestHost.endsWith(host.substring(1));
        }
        return host.equals(requestHost);
    }

    public boolean matchesPath(String path) {
        return pathPrefix.equals("/")
                || path.equals(pathPrefix)
                || path.startsWith(pathPrefix) && path.charAt(pathPrefix.length()) == '/';
    }

    /** The prefix as CGI's SCRIPT_NAME: empty for the root. */
    public String scriptName() {
        return pathPrefix.equals("/") ? "" : pathPrefix;
    }

    @Override
    public String toString() {
        return (host == null ? "" : host) + pathPrefix;
    }
}
