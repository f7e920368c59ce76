package dev.wedge.host.cache;

import static dev.wedge.host.abi.AbiFunction.proxy;
import static dev.wedge.host.engine.ValueType.I32;
import static dev.wedge.host.engine.ValueType.I64;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import dev.wedge.host.abi.Status;
import dev.wedge.host.engine.Signature;
import java.util.List;

/**
 * FastEdge's cache extension of proxy-wasm ({@code env.proxy_cache_*}, as FastEdge's Rust SDK declares them):
 * the same cache, namespace and bounds as the {@code wedge.cache_*} imports, with proxy-wasm's codes and a
 * fetched value in memory the guest allocates (docs/cdn-apps.md, "Cache").
 */
final class CacheProxyImports {

    private CacheProxyImports() {}

    static List<AbiFunction<CacheCalls>> functions() {
        return List.of(
                proxy("proxy_cache_get", 4, (CacheCalls cache, HostCall call) -> guarded(() -> {
                    String text = call.utf8(0, 1);
                    call.check(call.u32(2), 4);
                    call.check(call.u32(3), 4);
                    String key = cache.key(text);
                    byte[] value = cache.call("get", view -> view.get(key));
                    if (value == null) {
                        return ProxyStatus.NOT_FOUND;
                    }
                    return call.writeAllocated(value, cache::allocate, call.u32(2), call.u32(3)) ? ProxyStatus.OK
                            : ProxyStatus.INTERNAL_FAILURE;
                })),
                proxy("proxy_cache_set", CacheCalls.SET, (CacheCalls cache, HostCall call) -> guarded(() -> {
                    cache.set(call);
                    return ProxyStatus.OK;
                })),
                proxy("proxy_cache_delete", 2, (CacheCalls cache, HostCall call) -> guarded(
                        () -> cache.delete(call) ? ProxyStatus.OK : ProxyStatus.NOT_FOUND)),
                proxy("proxy_cache_exists", 3, (CacheCalls cache, HostCall call) -> guarded(() -> {
                    call.check(call.u32(2), 4);
                    call.writeU32(call.u32(2), cache.exists(call) ? 1 : 0);
                    return ProxyStatus.OK;
                })),
                proxy("proxy_cache_incr", CacheCalls.INCR, (CacheCalls cache, HostCall call) -> guarded(() -> {
                    cache.incr(call);
                    return ProxyStatus.OK;
                })),
                proxy("proxy_cache_expire", Signature.of(List.of(I32, I32, I64, I32), List.of(I32)),
                        (CacheCalls cache, HostCall call) -> guarded(() -> {
                            call.check(call.u32(3), 4);
                            call.writeU32(call.u32(3), cache.expire(call) ? 1 : 0);
                            return ProxyStatus.OK;
                        })),
                proxy("proxy_cache_purge", 1, (CacheCalls cache, HostCall call) -> guarded(() -> {
                    cache.purge(call);
                    return ProxyStatus.OK;
                })),
                proxy("proxy_cache_purge_prefix", 3, (CacheCalls cache, HostCall call) -> guarded(() -> {
                    cache.purgePrefix(call);
                    return ProxyStatus.OK;
                })));
    }

    private interface Body {
        int run();
    }

    /**
     * Turns the wedge statuses the shared checks raise into proxy-wasm's codes: an argument the host refuses
     * (a bad key, a value too large, a non-integer to add to) is BAD_ARGUMENT, anything the backend could not do
     * (full, unreachable, too slow) INTERNAL_FAILURE. A memory fault passes on to INVALID_MEMORY_ACCESS.
     */
    private static int guarded(Body body) {
        try {
            return body.run();
        } catch (AbiException e) {
            return e.code() == Status.BAD_ARGUMENT.code() || e.code() == Status.VALUE_TOO_LARGE.code()
                    ? ProxyStatus.BAD_ARGUMENT : ProxyStatus.INTERNAL_FAILURE;
        }
    }
}
