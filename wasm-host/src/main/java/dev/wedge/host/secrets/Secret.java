package dev.wedge.host.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One secret: its values, each in force from a moment on (its slot's {@code effective-from}, Unix seconds), so a
 * new value can be staged ahead of a rotation and an old one kept for tokens signed before it. Never prints a
 * value.
 */
public final class Secret {

    /** One value and the moment it takes over. */
    public record Slot(long effectiveFrom, String value) {

        @Override
        public String toString() {
            return "Slot[effectiveFrom=" + effectiveFrom + "]";
        }
    }

    private final long[] from;
    private final String[] values;

    private Secret(List<Slot> slots) {
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort((a, b) -> Long.compare(a.effectiveFrom(), b.effectiveFrom()));
        from = sorted.stream().mapToLong(Slot::effectiveFrom).toArray();
        values = sorted.stream().map(Slot::value).toArray(String[]::new);
    }

    /** A secret with slots; at least one, no two taking over at the same moment. */
    public static Secret of(List<Slot> slots) {
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("a secret needs at least one slot");
        }
        Secret secret = new Secret(slots);
        for (int i = 1; i < secret.from.length; i++) {
            if (secret.from[i] == secret.from[i - 1]) {
                throw new IllegalArgumentException("two slots take over at " + secret.from[i]);
            }
        }
        return secret;
    }

    /** A secret with one value, in force since ever (effective-from 0). */
    public static Secret of(String value) {
        return new Secret(List.of(new Slot(0, value)));
    }

    /** The value in force at {@code seconds}: the slot with the largest effective-from not after it; else null. */
    public String at(long seconds) {
        int i = Arrays.binarySearch(from, seconds);
        int slot = i >= 0 ? i : -i - 2; // not found: the slot before the insertion point
        return slot < 0 ? null : values[slot];
    }

    /** Every value of every slot (so that logs can hide them). */
    public List<String> values() {
        return List.of(values);
    }

    public int slots() {
        return from.length;
    }

    @Override
    public String toString() {
        return "Secret[slots=" + from.length + "]";
    }
}
