package dev.wedge.host.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secrets by name: an app's (its {@code secrets} setting) or a node's ({@code secrets:}). Never prints a value,
 * and hides every value in text the node writes for the app (its log lines).
 */
public final class Secrets {

    public static final Secrets EMPTY = new Secrets(Map.of());
    /** Shorter values are not hidden: they would hide ordinary words and numbers and reveal more than they keep. */
    public static final int MIN_HIDDEN_LENGTH = 4;
    public static final String HIDDEN = "***";

    private final Map<String, Secret> byName;
    private final List<String> hidden;

    public Secrets(Map<String, Secret> byName) {
        this.byName = Map.copyOf(byName);
        // longest first, so that a value containing another is hidden whole
        this.hidden = byName.values().stream().flatMap(secret -> secret.values().stream())
                .filter(value -> value.length() >= MIN_HIDDEN_LENGTH).distinct()
                .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
    }

    /** Secrets of one slot each, as {@code --secret K=V} gives them. */
    public static Secrets plain(Map<String, String> values) {
        var byName = new LinkedHashMap<String, Secret>();
        values.forEach((name, value) -> byName.put(name, Secret.of(value)));
        return new Secrets(byName);
    }

    /** The secret of that name, or null. */
    public Secret get(String name) {
        return byName.get(name);
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** {@code text} with every value of these secrets (of {@link #MIN_HIDDEN_LENGTH} or more) as {@link #HIDDEN}. */
    public String hide(String text) {
        String result = text;
        for (String value : hidden) {
            if (result.contains(value)) {
                result = result.replace(value, HIDDEN);
            }
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secrets secrets && byName.equals(secrets.byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return "Secrets" + byName.keySet();
    }
}
