package dev.wedge.config;

import dev.wedge.settings.ConfigException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies environment variables over a parsed configuration tree. {@code WEDGE_SERVER__PORT=9090} sets
 * {@code server.port}: the {@code WEDGE_} prefix, then key segments separated by {@code __}. A segment matches an
 * existing key ignoring case and treating {@code _} and {@code -} alike, so
 * {@code WEDGE_APPS__HELLO__ENV__GREETING} reaches {@code apps.hello.env.GREETING}; a new key is written in
 * lower case with {@code -}, except under {@code env} and {@code secrets}, whose names are kept as written.
 * Values stay text ({@code 007} is not {@code 7}); numeric keys parse text themselves.
 */
public final class EnvOverrides {

    public static final String PREFIX = "WEDGE_";
    private static final String SEPARATOR = "__";
    private static final Set<String> VERBATIM_SECTIONS = Set.of("env", "secrets");

    private EnvOverrides() {}

    public static void apply(Map<String, Object> tree, Map<String, String> environment) throws ConfigException {
        for (var variable : environment.entrySet()) {
            String name = variable.getKey();
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                set(tree, name.substring(PREFIX.length()).split(SEPARATOR), variable.getValue(), name);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> tree, String[] segments, String value, String variable)
            throws ConfigException {
        Map<String, Object> node = tree;
        for (int i = 0; i < segments.length - 1; i++) {
            String key = existingKey(node, segments[i]);
            Object child = node.get(key);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            } else if (!(child instanceof Map)) {
                throw new ConfigException(variable + ": '" + key + "' is not a section");
            }
            node = (Map<String, Object>) child;
        }
        String parent = segments.length > 1 ? normalise(segments[segments.length - 2]) : "";
        String last = segments[segments.length - 1];
        node.put(VERBATIM_SECTIONS.contains(parent) ? verbatimKey(node, last) : existingKey(node, last), value);
    }

    private static String existingKey(Map<String, Object> node, String segment) {
        String wanted = normalise(segment);
        for (String key : node.keySet()) {
            if (normalise(key).equals(wanted)) {
                return key;
            }
        }
        return segment.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Env var and secret names are case-sensitive: match exactly, else ignoring case, else keep as written. */
    private static String verbatimKey(Map<String, Object> node, String segment) {
        if (node.containsKey(segment)) {
            return segment;
        }
        return node.keySet().stream().filter(key -> key.equalsIgnoreCase(segment)).findFirst().orElse(segment);
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
