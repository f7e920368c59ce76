package dev.wedge.host.capability;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.engine.FunctionImport;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One thing apps can do through host imports (Spin calls it a factor), in a package of its own: the imports it
 * adds, the part of an app's settings it reads, and the state one request keeps. A node makes one of each, from
 * the list in {@code dev.wedge.host.Capabilities}.
 *
 * @param <A> what it keeps of one app's settings
 * @param <S> the state of one request; its imports are written against it
 */
public interface Capability<A, S> {

    /** Where its part of an app's settings is kept; the key's default serves apps that set none of it. */
    SettingsKey<A> settingsKey();

    /** The app settings it reads; any other key an app names belongs to another capability or is an error. */
    Set<String> settingKeys();

    /** Reads its part of one app's settings (only its own keys; an app without them gets the key's default). */
    A readSettings(Section app, SettingsContext context) throws ConfigException;

    /** Its imports, defined once against its request state. */
    List<AbiFunction<S>> imports();

    /** Imports of a whole module that have no definition of their own (e.g. ENOSYS stubs for WASI). */
    default Map<String, Function<FunctionImport, AbiFunction<S>>> fallbacks() {
        return Map.of();
    }

    /** The state of one request, made when one of its imports first needs it (or given by the runner). */
    S newState(Scope scope);
}
