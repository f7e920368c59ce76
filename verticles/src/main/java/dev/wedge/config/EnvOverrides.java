package dev.wedge.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Applies environment variables over a parsed configuration tree. {@code WEDGE_SERVER__PORT=9090} sets
 * {@code server.port}: the {@code WEDGE_} prefix, then key segments separated by {@code __}. A segment matches an
 * existing key ignoring case and treating {@code _} and {@code -} alike, so
 * {@code WEDGE_APPS__HELLO__ENV__GREETING} reaches {@code apps.hello.env.GREETING}; a new key is written in
 * lower case with {@code -}. Values that read as integers or booleans become such.
 */
public final class EnvOverrides {

    public static final String PREFIX = "WEDGE_";
    private static final String SEPARATOR = "__";

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
        node.put(existingKey(node, segments[segments.length - 1]), scalar(value));
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

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Object scalar(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
