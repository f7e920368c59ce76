package dev.wedge.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The directives of Cache-Control header lines (RFC 9111, 5.2): names lower-cased, values unquoted. */
final class Directives {

    private final Map<String, String> values = new HashMap<>();

    private Directives() {}

    static Directives parse(List<String> lines) {
        var directives = new Directives();
        for (String line : lines) {
            for (String part : line.split(",")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                String name = (eq < 0 ? item : item.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : item.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                directives.values.putIfAbsent(name, value); // the first of a duplicated directive counts
            }
        }
        return directives;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * A delta-seconds directive's value, or -1 when absent or invalid (RFC 9111, 1.2.2: a value too large for us
     * is the largest we hold).
     */
    long seconds(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty() || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return value.length() > 10 ? Integer.MAX_VALUE : Math.min(Long.parseLong(value), Integer.MAX_VALUE);
    }
}
