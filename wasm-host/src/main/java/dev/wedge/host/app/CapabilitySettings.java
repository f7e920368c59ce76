package dev.wedge.host.app;

import java.util.HashMap;
import java.util.Map;

/** Each capability's part of one app's settings, by its {@link SettingsKey}; immutable. */
public final class CapabilitySettings {

    public static final CapabilitySettings NONE = new CapabilitySettings(Map.of());

    private final Map<SettingsKey<?>, Object> values;

    private CapabilitySettings(Map<SettingsKey<?>, Object> values) {
        this.values = values;
    }

    /** The app's value, or the key's default when the app sets none. */
    @SuppressWarnings("unchecked")
    public <A> A get(SettingsKey<A> key) {
        Object value = values.get(key);
        return value != null ? (A) value : key.defaultValue();
    }

    public <A> CapabilitySettings with(SettingsKey<A> key, A value) {
        var copy = new HashMap<>(values);
        copy.put(key, value);
        return new CapabilitySettings(Map.copyOf(copy));
    }

    @Override
    public String toString() {
        var shown = new HashMap<String, Object>();
        values.forEach((key, value) -> shown.put(key.name(), value));
        return shown.toString();
    }
}
