package dev.wedge.host.cache;

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
 * The cache API for apps (FastEdge's {@code cache-sync}): the {@code wedge.cache_*} imports and FastEdge's
 * {@code env.proxy_cache_*} for CDN apps, over the node's {@link CacheBackend}, each app in its own namespace.
 */
public final class CacheCapability implements Capability<CacheSettings, CacheCalls> {

    public static final SettingsKey<CacheSettings> SETTINGS =
            new SettingsKey<>(CacheSettings.SECTION, CacheSettings.DEFAULT);

    @Override
    public SettingsKey<CacheSettings> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(CacheSettings.SECTION);
    }

    @Override
    public CacheSettings readSettings(Section app, SettingsContext context) throws ConfigException {
        return CacheSettings.read(app);
    }

    @Override
    public List<AbiFunction<CacheCalls>> imports() {
        List<AbiFunction<CacheCalls>> all = new ArrayList<>(CacheImports.functions());
        all.addAll(CacheProxyImports.functions());
        return all;
    }

    @Override
    public CacheCalls newState(Scope scope) {
        CacheSettings settings = scope.settings(this);
        String app = scope.app().name();
        AppCache view = scope.node().get(CacheBackend.class, CacheBackend.NONE).view(app, settings.maxEntries());
        return new CacheCalls(view, settings, app, scope.deadline(), scope.node().listener(), scope.memo(),
                scope::allocate);
    }
}
