package dev.wedge.host.outbound;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.capability.Capability;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.List;
import java.util.Set;

/**
 * Outbound HTTP ({@code wedge.http_*}): an app's calls to origins, within its {@code outbound:} settings, over the
 * node's {@link OutboundClient}. A node without one (a bare Wasm host) answers {@code UNAVAILABLE}.
 */
public final class OutboundCapability implements Capability<OutboundSettings, OutboundCalls> {

    public static final SettingsKey<OutboundSettings> SETTINGS =
            new SettingsKey<>("outbound", OutboundSettings.DEFAULT);

    @Override
    public SettingsKey<OutboundSettings> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(OutboundSettings.SECTION, OutboundSettings.PROPAGATE_HEADERS);
    }

    @Override
    public OutboundSettings readSettings(Section app, SettingsContext context) throws ConfigException {
        return OutboundSettings.read(app);
    }

    @Override
    public List<AbiFunction<OutboundCalls>> imports() {
        return OutboundImports.functions();
    }

    @Override
    public OutboundCalls newState(Scope scope) {
        return new OutboundCalls(scope.settings(this), scope.node().get(OutboundClient.class, null), scope);
    }
}
