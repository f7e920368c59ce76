package dev.wedge.host.kv;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.ResultMemo;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.capability.Capability;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.kv.KvStores;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Key-value stores: the {@code wedge.kv_*} imports over the node's {@link KvStores}, bound per app by name. */
public final class KvCapability implements Capability<KvBinding, KvGuestContext> {

    public static final SettingsKey<KvBinding> SETTINGS = new SettingsKey<>("kv", KvBinding.NONE);
    /** The kind of node resource an app's {@code kv-stores} names. */
    public static final String STORES = "kv-stores";

    @Override
    public SettingsKey<KvBinding> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(STORES);
    }

    @Override
    public KvBinding readSettings(Section app, SettingsContext context) throws ConfigException {
        Set<String> bound = new LinkedHashSet<>(app.list(STORES));
        for (String store : bound) {
            if (!context.names(STORES).contains(store)) {
                throw new ConfigException(app.key(STORES) + ": no store '" + store + "' under kv-stores");
            }
        }
        return new KvBinding(bound);
    }

    @Override
    public List<AbiFunction<KvGuestContext>> imports() {
        List<AbiFunction<KvGuestContext>> all = new ArrayList<>(KvImports.functions());
        all.addAll(KvProxyImports.functions());
        return all;
    }

    @Override
    public KvGuestContext newState(Scope scope) {
        var access = new KvAccess(scope.node().get(KvStores.class, KvStores.none()), scope.settings(this).stores(),
                scope.app().name(), scope.deadline(), scope.node().listener());
        return new KvRequest(access, scope.memo(), scope);
    }

    private record KvRequest(KvAccess kv, ResultMemo memo, Scope scope) implements KvGuestContext {
        @Override
        public int allocate(int size) {
            return scope.allocate(size);
        }
    }
}
