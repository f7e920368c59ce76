package dev.wedge.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, path-aware reading of one object of a settings tree (a node's config file, a deploy's manifest, the
 * command line's flags): every error names the full key.
 */
public final class Section {

    private final String path;
    private final Map<String, Object> values;

    public Section(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** Where this section is in its tree, e.g. {@code apps.shop}; empty for the root. */
    public String path() {
        return path;
    }

    public String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public void allowOnly(Set<String> allowed) throws ConfigException {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown key " + key(unknown.iterator().next()) + " (allowed: "
                    + new TreeSet<>(allowed) + ")");
        }
    }

    /** Whether the value at {@code key} is itself a section (a map). */
    public boolean isSection(String key) {
        return values.get(key) instanceof Map;
    }

    /** Whether the value at {@code key} is a list. */
    public boolean isList(String key) {
        return values.get(key) instanceof List;
    }

    public String string(String key, String fallback) throws ConfigException {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw new ConfigException(key(key) + " must be a single value");
        }
        return value.toString();
    }

    public long number(String key, long fallback, long min, long max) throws ConfigException {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key(key) + " must be a whole number, not '" + value + "'");
        }
        if (number < min || number > max) {
            throw new ConfigException(key(key) + " must be between " + min + " and " + max + ", not " + number);
        }
        return number;
    }

    public Map<String, String> strings(String key) throws ConfigException {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(key(key) + " must be a map of names to values");
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        return result;
    }

    /** Every entry of this section as text, e.g. the node's {@code secrets:}. */
    public Map<String, String> asStrings() throws ConfigException {
        Map<String, String> result = new LinkedHashMap<>();
        for (var entry : values.entrySet()) {
            result.put(entry.getKey(), string(entry.getKey(), ""));
        }
        return result;
    }

    public List<String> list(String key) throws ConfigException {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> result = new ArrayList<>();
            list.forEach(item -> result.add(String.valueOf(item)));
            return result;
        }
        return List.of(value.toString());
    }

    /** A list of sections, e.g. {@code triggers: [{...}, {...}]}. */
    @SuppressWarnings("unchecked")
    public List<Section> sections(String key) throws ConfigException {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException(key(key) + " must be a list of sections");
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) {
                throw new ConfigException(key(key) + "[" + i + "] must be a section (a map)");
            }
            sections.add(new Section(key(key) + "[" + i + "]", (Map<String, Object>) list.get(i)));
        }
        return sections;
    }

    @SuppressWarnings("unchecked")
    public Section section(String key) throws ConfigException {
        Object value = values.get(key);
        if (value == null) {
            return new Section(key(key), Map.of());
        }
        if (!(value instanceof Map)) {
            throw new ConfigException(key(key) + " must be a section (a map)");
        }
        return new Section(key(key), (Map<String, Object>) value);
    }
}
