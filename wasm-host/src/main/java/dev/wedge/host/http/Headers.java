package dev.wedge.host.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An ordered, multi-valued header list; names are kept lower-case, as HTTP/2 and the ABI's header maps want. */
public final class Headers {

    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    public static Headers of(String... namesAndValues) {
        var headers = new Headers();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** A copy that changes independently of this one. */
    public Headers copy() {
        var copy = new Headers();
        copy.entries.addAll(entries);
        return copy;
    }

    public Headers add(String name, String value) {
        entries.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
        return this;
    }

    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public void remove(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        entries.removeIf(entry -> entry.getKey().equals(key));
    }

    /** All values of a header joined with ", ", or null when absent. */
    public String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String first = null;
        StringBuilder joined = null; // only for a header that repeats: every request reads several that do not
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equals(key)) {
                if (first == null) {
                    first = entry.getValue();
                } else {
                    joined = (joined == null ? new StringBuilder(first) : joined).append(", ").append(entry.getValue());
                }
            }
        }
        return joined != null ? joined.toString() : first;
    }

    public boolean contains(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** A read-only view, in order: copy it to keep it past a change to these headers. */
    public List<Map.Entry<String, String>> entries() {
        return Collections.unmodifiableList(entries);
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
