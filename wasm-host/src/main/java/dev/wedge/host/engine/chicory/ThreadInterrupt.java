package dev.wedge.host.engine.chicory;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.RunDeadline;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the thread running a guest when its deadline passes, or when the run is cancelled before that,
 * unless disarmed first. The deadline may move (waits are credited back): the timer is re-armed when it does,
 * and a timer that fires before the moved deadline only re-arms itself.
 */
final class ThreadInterrupt {

    private final Thread thread;
    private final ScheduledExecutorService watchdog;
    private final RunDeadline deadline;
    private boolean armed = true; // guarded by this
    private boolean fired; // guarded by this
    private ScheduledFuture<?> task; // guarded by this
    private Runnable unregister = () -> { };

    private ThreadInterrupt(Thread thread, ScheduledExecutorService watchdog, RunDeadline deadline) {
        this.thread = thread;
        this.watchdog = watchdog;
        this.deadline = deadline;
    }

    static ThreadInterrupt arm(ScheduledExecutorService watchdog, RunDeadline deadline, Cancellation cancellation) {
        Thread.interrupted(); // a stale flag would stop the new guest at once
        var interrupt = new ThreadInterrupt(Thread.currentThread(), watchdog, deadline);
        interrupt.schedule();
        deadline.onMove(interrupt::schedule);
        // A cancelled run is stopped exactly like one past its deadline: the same interrupt, now.
        interrupt.unregister = cancellation.onCancel(interrupt::fire);
        return interrupt;
    }

    /** (Re)starts the timer for the deadline as it stands. */
    private synchronized void schedule() {
        if (!armed) {
            return;
        }
        if (task != null) {
            task.cancel(false);
        }
        long delay = Math.max(0, deadline.nanos() - System.nanoTime());
        task = watchdog.schedule(this::expire, delay, TimeUnit.NANOSECONDS);
    }

    private void expire() {
        if (deadline.passed()) {
            fire();
        } else {
            schedule(); // the deadline moved after this timer was set
        }
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

    boolean deadlinePassed() {
        return deadline.passed();
    }

    /** Stops the timer; clears the interrupt flag if it fired, so the pooled thread is clean for the next job. */
    void disarm() {
        boolean wasFired;
        synchronized (this) {
            armed = false;
            wasFired = fired;
            task.cancel(false);
        }
        deadline.onMove(() -> { });
        unregister.run();
        if (wasFired) {
            Thread.interrupted();
        }
    }
}
