package dev.wedge.host.engine.wasmtime;

import io.github.kawamuray.wasmtime.Engine;
import java.util.concurrent.TimeUnit;

/**
 * An engine's epoch kept to the clock: the epoch is the number of whole ticks since the engine started, and a
 * store's deadline is the epoch at which its deadline instant has passed, counted from the epoch as it is now.
 * A timer runs late on a busy machine; counting from the clock, not from timer firings, keeps a guest from being
 * stopped late (each late tick adding up) or early (a deadline counted from a lagging epoch that then catches up).
 */
final class EpochClock {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(WasmtimeEngine.TICK_MILLIS);

    private final Engine engine;
    private final long started = System.nanoTime();
    private volatile long epoch; // written by the ticker thread only

    EpochClock(Engine engine) {
        this.engine = engine;
    }

    /** Brings the epoch up to the clock; called by one timer thread. */
    void tick() {
        long due = (System.nanoTime() - started) / TICK_NANOS;
        for (long current = epoch; current < due; current++) {
            engine.incrementEpoch();
            epoch = current + 1;
        }
    }

    /**
     * Epoch ticks a store may run for from now: until the first whole tick that starts after the deadline, so
     * the guest is never stopped before its deadline and at most about one tick after it. Should the ticker
     * advance between this and the store reading it, the guest only gets one tick more.
     */
    long ticksUntil(long deadlineNanos) {
        long target = Math.floorDiv(deadlineNanos - started, TICK_NANOS) + 1;
        return Math.max(1, target - epoch);
    }
}
