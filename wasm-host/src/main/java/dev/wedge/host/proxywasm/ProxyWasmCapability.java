package dev.wedge.host.proxywasm;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.capability.Capability;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The proxy-wasm host (ABI 0.2.0 and 0.2.1) with FastEdge's extensions: the {@code env.proxy_*} imports CDN
 * apps use, their settings ({@code origin}, {@code proxy-wasm-mode}, {@code plugin-configuration}), and the
 * state of one instance ({@link FilterContext}). The run package drives the phases (docs/cdn-apps.md).
 */
public final class ProxyWasmCapability implements Capability<CdnSettings, FilterContext> {

    public static final SettingsKey<CdnSettings> SETTINGS = new SettingsKey<>("proxy-wasm", CdnSettings.DEFAULT);

    /** For nodes that give none of their own (the CLI's one-off calls, tests): shared by this capability's apps. */
    private final FilterShared fallbackShared = new FilterShared();

    @Override
    public SettingsKey<CdnSettings> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return CdnSettings.KEYS;
    }

    @Override
    public CdnSettings readSettings(Section app, SettingsContext context) throws ConfigException {
        return CdnSettings.read(app);
    }

    @Override
    public List<AbiFunction<FilterContext>> imports() {
        List<AbiFunction<FilterContext>> all = new ArrayList<>(StreamImports.functions());
        all.addAll(HeaderImports.functions());
        all.addAll(BufferImports.functions());
        all.addAll(CalloutImports.functions());
        all.addAll(SharedImports.functions());
        all.addAll(FastEdgeImports.functions());
        return all;
    }

    /** Outside a CDN request: what a filter may do without one (log, shared data, metrics, secrets). */
    @Override
    public FilterContext newState(Scope scope) {
        return forRequest(scope, null);
    }

    /** The state of one instance serving {@code exchange}, given to its scope. */
    public FilterContext forRequest(Scope scope, CdnExchange exchange) {
        var context = new FilterContext(scope, exchange, scope.node().get(FilterShared.class, fallbackShared),
                scope.settings(this).pluginConfiguration());
        return scope.put(this, context);
    }
}
