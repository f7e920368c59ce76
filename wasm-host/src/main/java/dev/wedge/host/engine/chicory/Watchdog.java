package dev.wedge.host.engine.chicory;

import dev.wedge.host.engine.DaemonTimer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches the deadlines of an engine's running guests with one timer thread that wakes only at the earliest of
 * them, not once per run: arming and disarming a run is a set insertion and removal. A timer per run (scheduled,
 * then cancelled, on every request) woke the timer thread twice per request, several microseconds of CPU each on
 * a short guest (benchmarks/README.md, issue 18 P1). When it wakes, it stops the runs past their deadline and
 * sleeps until the next one's.
 */
final class Watchdog implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final Set<ThreadInterrupt> watched = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> wake; // guarded by this; null when no wake is due
    private long wakeAt; // guarded by this; meaningful while wake is not null

    Watchdog(String threadName) {
        this.timer = DaemonTimer.create(threadName);
    }

    void watch(ThreadInterrupt run, long deadlineNanos) {
        watched.add(run);
        wakeBy(deadlineNanos);
    }

    void unwatch(ThreadInterrupt run) {
        watched.remove(run);
    }

    /** Makes sure the timer wakes by {@code deadlineNanos}: a run started, or its deadline moved. */
    synchronized void wakeBy(long deadlineNanos) {
        if (wake != null && deadlineNanos - wakeAt >= 0) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = deadlineNanos;
        wake = timer.schedule(this::sweep, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops what is due and sets the next wake. A run added while this scans either is seen by it, or found no
     * wake due (cleared first, below) and set its own.
     */
    private void sweep() {
        synchronized (this) {
            wake = null;
        }
        long now = System.nanoTime();
        long next = 0;
        boolean any = false;
        for (ThreadInterrupt run : watched) {
            long due = run.deadlineNanos();
            if (due - now <= 0) {
                watched.remove(run); // stopped: it needs no further wake
                run.fire();
            } else if (!any || due - next < 0) {
                next = due;
                any = true;
            }
        }
        if (any) {
            wakeBy(next);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
