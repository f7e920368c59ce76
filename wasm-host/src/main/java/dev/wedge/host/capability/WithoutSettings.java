package dev.wedge.host.capability;

import dev.wedge.host.app.SettingsKey;
import dev.wedge.settings.Section;
import java.util.Set;

/** A capability that reads no app settings of its own (what it needs, every app has). */
public abstract class WithoutSettings<S> implements Capability<Void, S> {

    private final SettingsKey<Void> key = new SettingsKey<>(getClass().getSimpleName(), null);

    @Override
    public final SettingsKey<Void> settingsKey() {
        return key;
    }

    @Override
    public final Set<String> settingKeys() {
        return Set.of();
    }

    @Override
    public final Void readSettings(Section app, SettingsContext context) {
        return null;
    }
}
