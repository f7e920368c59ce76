package dev.wedge.host.cache;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.HostWait;
import dev.wedge.host.abi.ResultMemo;
import dev.wedge.host.abi.Status;
import dev.wedge.host.capability.RunListener;
import dev.wedge.host.engine.RunDeadline;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * One request's use of the cache: the app's view and bounds, the checks every argument passes, and the one way
 * every backend call is awaited, timed and its failures turned into statuses.
 */
public final class CacheCalls {

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

    /** A key: non-empty, at most {@code max-key-bytes}; BAD_ARGUMENT otherwise. */
    String key(String key) {
        if (key.isEmpty()) {
            throw new AbiException(Status.BAD_ARGUMENT, "a cache key must not be empty");
        }
        return prefix(key);
    }

    /** A purge prefix: like a key, but may be empty. */
    String prefix(String prefix) {
        if (prefix.getBytes(StandardCharsets.UTF_8).length > settings.maxKeyBytes()) {
            throw new AbiException(Status.BAD_ARGUMENT, "cache keys are limited to " + settings.maxKeyBytes()
                    + " bytes");
        }
        return prefix;
    }

    /** Refuses a value length past {@code max-value-bytes} before anything is copied. */
    void checkValueLength(long length) {
        if (length > settings.maxValueBytes()) {
            throw new AbiException(Status.VALUE_TOO_LARGE, "cache values are limited to " + settings.maxValueBytes()
                    + " bytes");
        }
    }

    /** A TTL argument: 0 or more. */
    static long ttl(long ttlMs) {
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
