package dev.wedge.host.limits;

import java.time.Duration;

/**
 * What one request of an app may use. Defaults follow FastEdge: 128 MiB of memory and 60 s.
 *
 * @param memoryBytes cap on the guest's linear memory
 * @param timeout wall-clock deadline for instantiation plus handler
 * @param maxRequestBodyBytes larger request bodies are answered 413 before the app runs
 * @param maxResponseBodyBytes larger responses end in 533 {@code response-too-large}
 * @param maxLogBytes per request, per stream; the rest is dropped with a truncation mark
 * @param explicitWallTimeout the wall-clock cap on a whole run, waits included, or null for {@code timeout}
 *     plus {@link #DEFAULT_WALL_EXTRA_MS} (see {@link #wallTimeout()})
 */
public record Limits(long memoryBytes, Duration timeout, long maxRequestBodyBytes, long maxResponseBodyBytes,
        long maxLogBytes, Duration explicitWallTimeout) {

    public static final long MIB = 1024L * 1024;
    /** Guest memory is addressed with Java ints, so caps stay below 2 GiB. */
    public static final long MAX_MEMORY_MIB = 2047;
    // Constants, so that help texts can name them.
    public static final long DEFAULT_MEMORY_MIB = 128;
    public static final long DEFAULT_TIMEOUT_MS = 60_000;
    public static final long DEFAULT_MAX_BODY_BYTES = 16 * MIB;
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64 * MIB;
    /**
     * How much longer than its deadline a run may last in all, waits included, unless the app says: FastEdge's
     * outer limit is its deadline plus 30 s.
     */
    public static final long DEFAULT_WALL_EXTRA_MS = 30_000;
    public static final Limits DEFAULT = new Limits(DEFAULT_MEMORY_MIB * MIB, Duration.ofMillis(DEFAULT_TIMEOUT_MS),
            DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_RESPONSE_BYTES, 64 * 1024, null);

    public Limits {
        if (memoryBytes < 64 * 1024 || memoryBytes > MAX_MEMORY_MIB * MIB) {
            throw new IllegalArgumentException("the memory limit must be between 64 KiB (one Wasm page) and "
                    + MAX_MEMORY_MIB + " MiB");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxRequestBodyBytes < 0 || maxResponseBodyBytes < 0 || maxLogBytes < 0) {
            throw new IllegalArgumentException("size limits must not be negative");
        }
    }

    public Limits withMemoryBytes(long bytes) {
        return new Limits(bytes, timeout, maxRequestBodyBytes, maxResponseBodyBytes, maxLogBytes, explicitWallTimeout);
    }

    public Limits withTimeout(Duration value) {
        return new Limits(memoryBytes, value, maxRequestBodyBytes, maxResponseBodyBytes, maxLogBytes, explicitWallTimeout);
    }

    public Limits withMaxRequestBodyBytes(long bytes) {
        return new Limits(memoryBytes, timeout, bytes, maxResponseBodyBytes, maxLogBytes, explicitWallTimeout);
    }

    public Limits withMaxResponseBodyBytes(long bytes) {
        return new Limits(memoryBytes, timeout, maxRequestBodyBytes, bytes, maxLogBytes, explicitWallTimeout);
    }

    /** @param value the wall-clock cap, or null for the default (the deadline plus 30 s) */
    public Limits withWallTimeout(Duration value) {
        return new Limits(memoryBytes, timeout, maxRequestBodyBytes, maxResponseBodyBytes, maxLogBytes, value);
    }

    /**
     * The wall-clock cap on a whole run, waits included: the app's {@code wall-timeout-ms}, or the default; never
     * shorter than the deadline (the settings reader refuses one that is).
     */
    public Duration wallTimeout() {
        Duration cap = explicitWallTimeout != null ? explicitWallTimeout : timeout.plusMillis(DEFAULT_WALL_EXTRA_MS);
        return cap.compareTo(timeout) < 0 ? timeout : cap;
    }
}
