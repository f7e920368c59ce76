package dev.wedge.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where a node's admin API is and how to authenticate, shared by the commands that drive it. */
final class AdminOptions {

    static final String URL_ENV = "WEDGE_ADMIN_URL";
    static final String TOKEN_ENV = "WEDGE_ADMIN_TOKEN";
    static final String DEFAULT_URL = "http://127.0.0.1:8081";

    @Option(names = "--admin", paramLabel = "URL",
            description = "The node's admin API (default: env " + URL_ENV + ", else " + DEFAULT_URL + ").")
    String admin;

    // Read from the environment in code, not as a picocli default, so --help never echoes the token.
    @Option(names = "--token", paramLabel = "TOKEN", description = "The admin bearer token (default: env " + TOKEN_ENV + ").")
    String token;

    AdminClient client() {
        return new AdminClient(url(), token());
    }

    URI url() {
        String given = admin != null ? admin : System.getenv(URL_ENV);
        String text = given == null || given.isBlank() ? DEFAULT_URL : given.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = URI.create(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the hint
        }
        throw new IllegalArgumentException("--admin must be an http:// or https:// URL, not '" + text + "'");
    }

    String token() {
        String bearer = token != null ? token : System.getenv(TOKEN_ENV);
        if (bearer == null || bearer.isBlank()) {
            throw new IllegalArgumentException("the admin API needs a token: give --token or set " + TOKEN_ENV);
        }
        return bearer.strip();
    }
}
