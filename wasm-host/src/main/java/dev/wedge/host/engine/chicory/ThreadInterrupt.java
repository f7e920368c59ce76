package dev.wedge.host.engine.chicory;

import dev.wedge.host.engine.Cancellation;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the thread running a guest when its deadline passes, or when the run is cancelled before that,
 * unless disarmed first.
 */
final class ThreadInterrupt {

    private final Thread thread;
    private boolean armed = true;
    private boolean fired;
    private ScheduledFuture<?> task;
    private Runnable unregister = () -> { };

    private ThreadInterrupt(Thread thread) {
        this.thread = thread;
    }

    static ThreadInterrupt arm(ScheduledExecutorService watchdog, long deadlineNanos, Cancellation cancellation) {
        Thread.interrupted(); // a stale flag would stop the new guest at once
        var interrupt = new ThreadInterrupt(Thread.currentThread());
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        interrupt.task = watchdog.schedule(interrupt::fire, delay, TimeUnit.NANOSECONDS);
        // A cancelled run is stopped exactly like one past its deadline: the same interrupt, now.
        interrupt.unregister = cancellation.onCancel(interrupt::fire);
        return interrupt;
    }

    private synchronized void fire() {
        if (armed) {
            armed = false;
            fired = true;
            thread.interrupt();
        }
    }

    synchronized boolean fired() {
        return fired;
    }

    /** Stops the timer; clears the interrupt flag if it fired, so the pooled thread is clean for the next job. */
    void disarm() {
        boolean wasFired;
        synchronized (this) {
            armed = false;
            wasFired = fired;
        }
        task.cancel(false);
        unregister.run();
        if (wasFired) {
            Thread.interrupted();
        }
    }
}
