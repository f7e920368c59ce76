package dev.wedge.host.cache;

import static dev.wedge.host.engine.ValueType.I32;
import static dev.wedge.host.engine.ValueType.I64;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.HostWait;
import dev.wedge.host.abi.ResultMemo;
import dev.wedge.host.abi.Status;
import dev.wedge.host.capability.RunListener;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.Signature;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * One request's use of the cache: the app's view and bounds, the operations as both import families call them
 * (arguments read and checked), and the one way every backend call is awaited, timed and its failures turned into
 * statuses.
 */
public final class CacheCalls {

    /** The type of {@code set} in both families. */
    static final Signature SET = Signature.of(List.of(I32, I32, I32, I32, I64), List.of(I32));
    /** The type of {@code incr} in both families. */
    static final Signature INCR = Signature.of(List.of(I32, I32, I64, I32), List.of(I32));

    private final AppCache cache;
    private final CacheSettings settings;
    private final String app;
    private final RunDeadline deadline;
    private final RunListener listener;
    private final ResultMemo memo;
    private final IntUnaryOperator allocator;

    CacheCalls(AppCache cache, CacheSettings settings, String app, RunDeadline deadline, RunListener listener,
            ResultMemo memo, IntUnaryOperator allocator) {
        this.cache = cache;
        this.settings = settings;
        this.app = app;
        this.deadline = deadline;
        this.listener = listener;
        this.memo = memo;
        this.allocator = allocator;
    }

    ResultMemo memo() {
        return memo;
    }

    /** Guest memory for a result (proxy-wasm's convention), 0 when the run has no allocator. */
    int allocate(int size) {
        return allocator.applyAsInt(size);
    }

    // The operations both import families share. FastEdge laid its proxy-wasm extension out like its WIT, and the
    // wedge imports follow it, so each reads its arguments at the same positions in both; pointers are checked
    // before anything else is (docs/abi.md), the key last.

    /** {@code (key, key_len, value, value_len, ttl_ms: i64)}. */
    void set(HostCall call) {
        String text = call.utf8(0, 1);
        call.check(call.u32(2), call.u32(3));
        String key = key(text);
        if (call.u32(3) > settings.maxValueBytes()) { // refused before anything is copied
            throw new AbiException(Status.VALUE_TOO_LARGE, "cache values are limited to " + settings.maxValueBytes()
                    + " bytes");
        }
        byte[] value = call.bytes(2, 3);
        long ttl = ttl(call.i64(4));
        call("set", view -> view.set(key, value, ttl));
    }

    /** {@code (key, key_len, ...)}: whether there was such a key. */
    boolean delete(HostCall call) {
        String key = key(call.utf8(0, 1));
        return call("delete", view -> view.delete(key));
    }

    /** {@code (key, key_len, ...)}: whether the key exists. */
    boolean exists(HostCall call) {
        String key = key(call.utf8(0, 1));
        return call("exists", view -> view.exists(key));
    }

    /** {@code (key, key_len, delta: i64, out_value)}: writes the new value. */
    void incr(HostCall call) {
        String text = call.utf8(0, 1);
        call.check(call.u32(3), 8);
        String key = key(text);
        long delta = call.i64(2);
        call.writeU64(call.u32(3), call("incr", view -> view.incr(key, delta)));
    }

    /** {@code (key, key_len, ttl_ms: i64, ...)}: whether the key existed. */
    boolean expire(HostCall call) {
        String key = key(call.utf8(0, 1));
        long ttl = ttl(call.i64(2));
        return call("expire", view -> view.expire(key, ttl));
    }

    /** {@code (out_count)}: writes how many keys went. */
    void purge(HostCall call) {
        call.check(call.u32(0), 8);
        call.writeU64(call.u32(0), call("purge", AppCache::purge));
    }

    /** {@code (prefix, prefix_len, out_count)}: writes how many keys went. */
    void purgePrefix(HostCall call) {
        String text = call.utf8(0, 1);
        call.check(call.u32(2), 8);
        String prefix = prefix(text);
        call.writeU64(call.u32(2), call("purge_prefix", view -> view.purgePrefix(prefix)));
    }

    /** A key: non-empty, at most {@code max-key-bytes}; BAD_ARGUMENT otherwise. */
    String key(String key) {
        if (key.isEmpty()) {
            throw new AbiException(Status.BAD_ARGUMENT, "a cache key must not be empty");
        }
        return prefix(key);
    }

    /** A purge prefix: like a key, but may be empty. */
    private String prefix(String prefix) {
        if (prefix.getBytes(StandardCharsets.UTF_8).length > settings.maxKeyBytes()) {
            throw new AbiException(Status.BAD_ARGUMENT, "cache keys are limited to " + settings.maxKeyBytes()
                    + " bytes");
        }
        return prefix;
    }

    private static long ttl(long ttlMs) {
        if (ttlMs < 0) {
            throw new AbiException(Status.BAD_ARGUMENT, "a TTL must not be negative");
        }
        return ttlMs;
    }

    /** Runs one operation on the app's view, waits for it on the guest's thread, and maps its failures. */
    <T> T call(String operation, Function<AppCache, Future<T>> call) {
        try {
            return listener.timed(app, "cache", operation,
                    () -> HostWait.await(call.apply(cache), settings.timeout(), deadline));
        } catch (CacheException e) {
            throw new AbiException(status(e.kind()), e.getMessage());
        }
    }

    private static Status status(CacheException.Kind kind) {
        return switch (kind) {
            case NOT_AN_INTEGER -> Status.BAD_ARGUMENT;
            case FULL -> Status.LIMIT_EXCEEDED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
        };
    }
}
