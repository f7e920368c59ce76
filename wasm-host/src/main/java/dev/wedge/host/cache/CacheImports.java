package dev.wedge.host.cache;

import static dev.wedge.host.abi.AbiFunction.wedge;
import static dev.wedge.host.engine.ValueType.I32;
import static dev.wedge.host.engine.ValueType.I64;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.Status;
import dev.wedge.host.engine.Signature;
import java.util.List;

/** The {@code wedge.cache_*} imports (docs/abi.md, "Imports: the cache"). */
final class CacheImports {

    private CacheImports() {}

    static List<AbiFunction<CacheCalls>> functions() {
        return List.of(
                wedge("cache_get", 5, (CacheCalls cache, HostCall call) -> {
                    String text = call.utf8(0, 1);
                    call.checkOut(2, 3, 4); // every pointer before any other check (docs/abi.md)
                    String key = cache.key(text);
                    String callKey = "cache_get\0" + key;
                    byte[] value = cache.memo().recall(callKey, () -> cache.call("get", view -> view.get(key)));
                    if (value == null) {
                        return cache.memo().settle(callKey, null, Status.NOT_FOUND);
                    }
                    return cache.memo().settle(callKey, value, call.writeOut(value, 2, 3, 4));
                }),
                wedge("cache_set", Signature.of(List.of(I32, I32, I32, I32, I64), List.of(I32)),
                        (CacheCalls cache, HostCall call) -> {
                            String text = call.utf8(0, 1);
                            call.check(call.u32(2), call.u32(3));
                            String key = cache.key(text);
                            cache.checkValueLength(call.u32(3));
                            byte[] value = call.bytes(2, 3);
                            long ttl = CacheCalls.ttl(call.i64(4));
                            cache.call("set", view -> view.set(key, value, ttl));
                            return Status.OK;
                        }),
                wedge("cache_delete", 2, (CacheCalls cache, HostCall call) -> {
                    String key = cache.key(call.utf8(0, 1));
                    return found(cache.call("delete", view -> view.delete(key)));
                }),
                wedge("cache_exists", 2, (CacheCalls cache, HostCall call) -> {
                    String key = cache.key(call.utf8(0, 1));
                    return found(cache.call("exists", view -> view.exists(key)));
                }),
                wedge("cache_incr", Signature.of(List.of(I32, I32, I64, I32), List.of(I32)),
                        (CacheCalls cache, HostCall call) -> {
                            String text = call.utf8(0, 1);
                            call.check(call.u32(3), 8);
                            String key = cache.key(text);
                            long delta = call.i64(2);
                            call.writeU64(call.u32(3), cache.call("incr", view -> view.incr(key, delta)));
                            return Status.OK;
                        }),
                wedge("cache_expire", Signature.of(List.of(I32, I32, I64), List.of(I32)),
                        (CacheCalls cache, HostCall call) -> {
                            String key = cache.key(call.utf8(0, 1));
                            long ttl = CacheCalls.ttl(call.i64(2));
                            return found(cache.call("expire", view -> view.expire(key, ttl)));
                        }),
                wedge("cache_purge", 1, (CacheCalls cache, HostCall call) -> {
                    call.check(call.u32(0), 8);
                    call.writeU64(call.u32(0), cache.call("purge", AppCache::purge));
                    return Status.OK;
                }),
                wedge("cache_purge_prefix", 3, (CacheCalls cache, HostCall call) -> {
                    String text = call.utf8(0, 1);
                    call.check(call.u32(2), 8);
                    String prefix = cache.prefix(text);
                    call.writeU64(call.u32(2), cache.call("purge_prefix", view -> view.purgePrefix(prefix)));
                    return Status.OK;
                }));
    }

    private static Status found(boolean found) {
        return found ? Status.OK : Status.NOT_FOUND;
    }
}
