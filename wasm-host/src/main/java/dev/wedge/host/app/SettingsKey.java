package dev.wedge.host.app;

/**
 * Names one capability's part of an app's settings in {@link CapabilitySettings}, with the value an app that
 * sets none of it gets. Keys are equal only to themselves, so two capabilities can never share one by accident.
 *
 * @param <A> the type of that part
 */
public final class SettingsKey<A> {

    private final String name;
    private final A defaultValue;

    public SettingsKey(String name, A defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    public String name() {
        return name;
    }

    public A defaultValue() {
        return defaultValue;
    }

    @Override
    public String toString() {
        return name;
    }
}
