package dev.wedge.host.engine.chicory;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.RunDeadline;

/**
 * Interrupts the thread running a guest when its deadline passes (the engine's {@link Watchdog} tells it), or when
 * the run is cancelled before that, unless disarmed first. The deadline may move (waits are credited back): the
 * watchdog then makes sure it wakes by the new one; a wake before the moved deadline leaves the run alone.
 */
final class ThreadInterrupt {

    private final Thread thread;
    private final Watchdog watchdog;
    private final RunDeadline deadline;
    private boolean armed = true; // guarded by this
    private boolean fired; // guarded by this
    private Runnable unregister = () -> { };

    private ThreadInterrupt(Thread thread, Watchdog watchdog, RunDeadline deadline) {
        this.thread = thread;
        this.watchdog = watchdog;
        this.deadline = deadline;
    }

    static ThreadInterrupt arm(Watchdog watchdog, RunDeadline deadline, Cancellation cancellation) {
        Thread.interrupted(); // a stale flag would stop the new guest at once
        var interrupt = new ThreadInterrupt(Thread.currentThread(), watchdog, deadline);
        watchdog.watch(interrupt, deadline.nanos());
        deadline.onMove(() -> watchdog.wakeBy(deadline.nanos()));
        // A cancelled run is stopped exactly like one past its deadline: the same interrupt, now.
        interrupt.unregister = cancellation.onCancel(interrupt::fire);
        return interrupt;
    }

    /** When the run is to be stopped, as its deadline stands now. */
    long deadlineNanos() {
        return deadline.nanos();
    }

    synchronized void fire() {
        if (armed) {
            armed = false;
            fired = true;
            thread.interrupt();
        }
    }

    synchronized boolean fired() {
        return fired;
    }

    boolean deadlinePassed() {
        return deadline.passed();
    }

    /** Stops watching; clears the interrupt flag if it fired, so the pooled thread is clean for the next job. */
    void disarm() {
        boolean wasFired;
        synchronized (this) {
            armed = false;
            wasFired = fired;
        }
        watchdog.unwatch(this);
        deadline.onMove(() -> { });
        unregister.run();
        if (wasFired) {
            Thread.interrupted();
        }
    }
}
