package dev.wedge.host.proxywasm;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A CDN app's own settings: where its requests go after the filter ({@code origin}), whose phase model it gets
 * ({@code proxy-wasm-mode}), and what {@code proxy_on_configure} reads ({@code plugin-configuration}).
 *
 * @param origin {@code http(s)://host[:port][/base]}, or null: then only a local response can answer
 */
public record CdnSettings(URI origin, Mode mode, byte[] pluginConfiguration) {

    public static final String ORIGIN = "origin";
    public static final String MODE = "proxy-wasm-mode";
    public static final String CONFIGURATION = "plugin-configuration";
    public static final Set<String> KEYS = Set.of(ORIGIN, MODE, CONFIGURATION);
    public static final CdnSettings DEFAULT = new CdnSettings(null, Mode.FASTEDGE, new byte[0]);

    /** Whose semantics a filter gets (docs/cdn-apps.md, "Two phase models"). */
    public enum Mode {
        /** A fresh instance per phase, the hook runs again after a callout, remove leaves an empty value. */
        FASTEDGE,
        /** One instance per request, proxy_continue_stream resumes, remove deletes. */
        ENVOY;

        public static Mode parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "fastedge" -> FASTEDGE;
                case "envoy" -> ENVOY;
                default -> throw new IllegalArgumentException("unknown proxy-wasm mode '" + text
                        + "' (fastedge or envoy)");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static CdnSettings read(Section app) throws ConfigException {
        URI origin = null;
        String text = app.string(ORIGIN, null);
        if (text != null) {
            try {
                origin = parseOrigin(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(app.key(ORIGIN) + ": " + e.getMessage());
            }
        }
        Mode mode;
        try {
            mode = Mode.parse(app.string(MODE, Mode.FASTEDGE.label()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(app.key(MODE) + ": " + e.getMessage());
        }
        byte[] configuration = app.string(CONFIGURATION, "").getBytes(StandardCharsets.UTF_8);
        return new CdnSettings(origin, mode, configuration);
    }

    /** @throws IllegalArgumentException unless {@code text} is an absolute http or https URL without a query */
    public static URI parseOrigin(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("the origin must be http(s)://HOST[:PORT][/PATH], not " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + text, e);
        }
    }
}
