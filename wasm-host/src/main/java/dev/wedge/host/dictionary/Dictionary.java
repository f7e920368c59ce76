package dev.wedge.host.dictionary;

import java.util.Map;

/** An app's dictionary: read-only text values by name, set per app without rebuilding its module. */
public record Dictionary(Map<String, String> values) {

    public static final Dictionary EMPTY = new Dictionary(Map.of());

    public Dictionary {
        values = Map.copyOf(values);
    }
}
