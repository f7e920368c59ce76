package dev.wedge.host.dictionary;

import static dev.wedge.host.abi.AbiFunction.wedge;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.capability.Capability;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The app's dictionary (FastEdge's name for it): configuration values such as feature flags or origin URLs,
 * read with {@code wedge.dictionary_get}: the app's {@code dictionary} setting, then its {@code env} (FastEdge's
 * dictionary is the app's env; an explicit entry wins over an env var of the same name). Nothing is kept per
 * request: every request reads the app's own, immutable maps.
 */
public final class DictionaryCapability implements Capability<Dictionary, DictionaryCapability.Lookup> {

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

    /** One instance's view: the dictionary, then the env; and the guest's allocator for proxy-wasm's convention. */
    public record Lookup(Dictionary dictionary, Map<String, String> env, Scope scope) {

        String get(String name) {
            String value = dictionary.values().get(name);
            return value != null ? value : env.get(name);
        }
    }

    @Override
    public List<AbiFunction<Lookup>> imports() {
        return List.of(
                wedge("dictionary_get", 5, (Lookup lookup, HostCall call) ->
                        call.writeText(2, 3, 4, () -> lookup.get(call.utf8(0, 1)))),
                // FastEdge's proxy-wasm extension: the same values, in memory the guest allocates
                AbiFunction.proxy("proxy_dictionary_get", 4, (Lookup lookup, HostCall call) -> {
                    String name = call.utf8(0, 1);
                    call.check(call.u32(2), 4);
                    call.check(call.u32(3), 4);
                    String value = lookup.get(name);
                    if (value == null) {
                        return ProxyStatus.NOT_FOUND;
                    }
                    return call.writeAllocated(value.getBytes(StandardCharsets.UTF_8), lookup.scope()::allocate,
                            call.u32(2), call.u32(3)) ? ProxyStatus.OK : ProxyStatus.INTERNAL_FAILURE;
                }));
    }

    @Override
    public Lookup newState(Scope scope) {
        return new Lookup(scope.settings(this), scope.app().env(), scope);
    }
}
