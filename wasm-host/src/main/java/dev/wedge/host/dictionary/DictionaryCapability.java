package dev.wedge.host.dictionary;

import static dev.wedge.host.abi.AbiFunction.wedge;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.capability.Capability;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.List;
import java.util.Set;

/**
 * The app's dictionary (FastEdge's name for it): configuration values such as feature flags or origin URLs,
 * from the app's {@code dictionary} setting, read with {@code wedge.dictionary_get}. Nothing is kept per
 * request: every request reads the app's own, immutable dictionary.
 */
public final class DictionaryCapability implements Capability<Dictionary, Dictionary> {

    public static final SettingsKey<Dictionary> SETTINGS = new SettingsKey<>("dictionary", Dictionary.EMPTY);
    private static final String KEY = "dictionary";

    @Override
    public SettingsKey<Dictionary> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(KEY);
    }

    @Override
    public Dictionary readSettings(Section app, SettingsContext context) throws ConfigException {
        return new Dictionary(app.strings(KEY));
    }

    @Override
    public List<AbiFunction<Dictionary>> imports() {
        return List.of(wedge("dictionary_get", 5, (Dictionary dictionary, HostCall call) ->
                call.writeText(2, 3, 4, () -> dictionary.values().get(call.utf8(0, 1)))));
    }

    @Override
    public Dictionary newState(Scope scope) {
        return scope.settings(this);
    }
}
