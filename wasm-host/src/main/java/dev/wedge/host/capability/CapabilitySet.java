package dev.wedge.host.capability;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.ImportCatalog;
import dev.wedge.host.app.CapabilitySettings;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The capabilities of a node: their imports in one catalog, and their parts of an app's settings. */
public final class CapabilitySet {

    private final List<Capability<?, ?>> capabilities;
    private final ImportCatalog<Scope> imports = new ImportCatalog<>();
    private final Set<String> settingKeys = new HashSet<>();

    public CapabilitySet(List<Capability<?, ?>> capabilities) {
        this.capabilities = List.copyOf(capabilities);
        this.capabilities.forEach(this::register);
    }

    private <S> void register(Capability<?, S> capability) {
        imports.add(capability.imports().stream().map(function -> function.over(
                (Scope scope) -> state(scope, capability))).toList());
        capability.fallbacks().forEach((module, supplier) -> imports.fallback(module, wanted -> {
            AbiFunction<S> found = supplier.apply(wanted);
            return found == null ? null : found.over((Scope scope) -> state(scope, capability));
        }));
        for (String key : capability.settingKeys()) {
            if (!settingKeys.add(key)) {
                throw new IllegalArgumentException("app setting " + key + " is read by two capabilities");
            }
        }
    }

    /** What every host call goes through on its way to its capability: a cancelled run goes no further. */
    private static <S> S state(Scope scope, Capability<?, S> capability) {
        scope.stopIfCancelled();
        return scope.state(capability);
    }

    /** The one capability of this type. */
    public <C extends Capability<?, ?>> C get(Class<C> type) {
        return capabilities.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no capability " + type.getSimpleName()));
    }

    /** Every import an app may use; the loader checks modules against it. */
    public ImportCatalog<Scope> imports() {
        return imports;
    }

    /** The app settings the capabilities read, together. */
    public Set<String> settingKeys() {
        return Set.copyOf(settingKeys);
    }

    /** Each capability's part of one app's settings. */
    public CapabilitySettings readSettings(Section app, SettingsContext context) throws ConfigException {
        CapabilitySettings settings = CapabilitySettings.NONE;
        for (Capability<?, ?> capability : capabilities) {
            settings = read(capability, app, context, settings);
        }
        return settings;
    }

    private static <A> CapabilitySettings read(Capability<A, ?> capability, Section app, SettingsContext context,
            CapabilitySettings settings) throws ConfigException {
        A value = capability.readSettings(app, context);
        return value == null ? settings : settings.with(capability.settingsKey(), value);
    }
}
