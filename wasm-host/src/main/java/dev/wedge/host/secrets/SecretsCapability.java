package dev.wedge.host.secrets;

import static dev.wedge.host.abi.AbiFunction.proxy;
import static dev.wedge.host.abi.AbiFunction.wedge;
import static dev.wedge.host.engine.ValueType.I32;
import static dev.wedge.host.engine.ValueType.I64;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import dev.wedge.host.abi.Status;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.capability.Capability;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.host.engine.Signature;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The app's secrets, each a list of slots (docs/config.md): {@code wedge.secret_get} answers the value in force
 * now, {@code wedge.secret_get_effective_at} the one in force at a given Unix time. The node's clock is a node
 * resource ({@link Clock}, the system's by default), so rotations can be tested without waiting.
 */
public final class SecretsCapability implements Capability<Secrets, SecretsCapability.Lookup> {

    public static final SettingsKey<Secrets> SETTINGS = new SettingsKey<>("secrets", Secrets.EMPTY);
    public static final String KEY = "secrets";

    /** One request's view: the app's secrets and the node's clock; the scope gives proxy-wasm's allocator. */
    public record Lookup(Secrets secrets, Clock clock, Scope scope) {

        String now(String name) {
            Secret secret = secrets.get(name);
            return secret == null ? null : secret.at(clock.instant().getEpochSecond());
        }

        String at(String name, long seconds) {
            Secret secret = secrets.get(name);
            return secret == null ? null : secret.at(seconds);
        }
    }

    @Override
    public SettingsKey<Secrets> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(KEY);
    }

    /** Values as the context's {@link SecretSource} says: written (config file, flags) or by reference (deploys). */
    @Override
    public Secrets readSettings(Section app, SettingsContext context) throws ConfigException {
        if (app.keys().contains(KEY) && !app.isSection(KEY)) {
            throw new ConfigException(app.key(KEY) + " must be a map of names to secrets");
        }
        return SecretSettings.readAll(app.section(KEY), context.get(SecretSource.class, SecretSource.TEXT_ONLY));
    }

    @Override
    public List<AbiFunction<Lookup>> imports() {
        return List.of(
                wedge("secret_get", 5, (Lookup lookup, HostCall call) ->
                        call.writeText(2, 3, 4, () -> lookup.now(call.utf8(0, 1)))),
                wedge("secret_get_effective_at", Signature.of(List.of(I32, I32, I64, I32, I32, I32), List.of(I32)),
                        (Lookup lookup, HostCall call) -> {
                            long at = call.i64(2);
                            call.checkOut(3, 4, 5);
                            String name = call.utf8(0, 1);
                            return at < 0 ? Status.BAD_ARGUMENT : call.writeText(3, 4, 5, () -> lookup.at(name, at));
                        }),
                // FastEdge's proxy-wasm extensions, under both its SDKs' names: the value in memory the guest
                // allocates; "at" is a u32 there
                proxy("proxy_get_secret", 4, (Lookup lookup, HostCall call) -> proxySecret(lookup, call, -1)),
                proxy("proxy_secret_get", 4, (Lookup lookup, HostCall call) -> proxySecret(lookup, call, -1)),
                proxy("proxy_get_effective_at_secret", 5, (Lookup lookup, HostCall call) ->
                        proxySecret(lookup, call, call.u32(2))),
                proxy("proxy_secret_get_effective_at", 5, (Lookup lookup, HostCall call) ->
                        proxySecret(lookup, call, call.u32(2))));
    }

    /** @param at Unix seconds, or -1 for now */
    private static int proxySecret(Lookup lookup, HostCall call, long at) {
        String name = call.utf8(0, 1);
        int out = at < 0 ? 2 : 3;
        call.check(call.u32(out), 4);
        call.check(call.u32(out + 1), 4);
        String value = at < 0 ? lookup.now(name) : lookup.at(name, at);
        if (value == null) {
            return ProxyStatus.NOT_FOUND;
        }
        return call.writeAllocated(value.getBytes(StandardCharsets.UTF_8), lookup.scope()::allocate, call.u32(out),
                call.u32(out + 1)) ? ProxyStatus.OK : ProxyStatus.INTERNAL_FAILURE;
    }

    @Override
    public Lookup newState(Scope scope) {
        return new Lookup(scope.settings(this), scope.node().get(Clock.class, Clock.systemUTC()), scope);
    }
}
