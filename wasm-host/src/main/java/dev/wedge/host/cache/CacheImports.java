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
                wedge("cache_set", CacheCalls.SET, (CacheCalls cache, HostCall call) -> {
                    cache.set(call);
                    return Status.OK;
                }),
                wedge("cache_delete", 2, (CacheCalls cache, HostCall call) -> found(cache.delete(call))),
                wedge("cache_exists", 2, (CacheCalls cache, HostCall call) -> found(cache.exists(call))),
                wedge("cache_incr", CacheCalls.INCR, (CacheCalls cache, HostCall call) -> {
                    cache.incr(call);
                    return Status.OK;
                }),
                wedge("cache_expire", Signature.of(List.of(I32, I32, I64), List.of(I32)),
                        (CacheCalls cache, HostCall call) -> found(cache.expire(call))),
                wedge("cache_purge", 1, (CacheCalls cache, HostCall call) -> {
                    cache.purge(call);
                    return Status.OK;
                }),
                wedge("cache_purge_prefix", 3, (CacheCalls cache, HostCall call) -> {
                    cache.purgePrefix(call);
                    return Status.OK;
                }));
    }

    private static Status found(boolean found) {
        return found ? Status.OK : Status.NOT_FOUND;
    }
}
