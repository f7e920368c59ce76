package dev.wedge.bench.graal;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.RunDeadline;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;

/**
 * Stops a run's context when its deadline passes, or at once when the run is cancelled, unless disarmed first.
 * The timer is set again when the deadline moves (a wait credited back). The stop cancels the context (closes it
 * from the stopping thread), which Truffle does at the guest's next safepoint (a loop back-edge or call), and
 * which also refuses any later entry: an interrupt would only stop what runs at that moment, and leave a guest
 * that enters the context a moment later (the deadline passed while it was instantiated) running for ever.
 */
final class RunStop {

    private final Context context;
    private final RunDeadline deadline;
    private final ScheduledExecutorService timer;
    private final ExecutorService stopper;
    private ScheduledFuture<?> due; // guarded by this
    private boolean armed = true; // guarded by this
    private boolean fired; // guarded by this
    private Runnable unregister = () -> { };

    private RunStop(Context context, RunDeadline deadline, ScheduledExecutorService timer, ExecutorService stopper) {
        this.context = context;
        this.deadline = deadline;
        this.timer = timer;
        this.stopper = stopper;
    }

    static RunStop arm(Context context, RunDeadline deadline, Cancellation cancellation,
            ScheduledExecutorService timer, ExecutorService stopper) {
        var stop = new RunStop(context, deadline, timer, stopper);
        stop.schedule();
        deadline.onMove(stop::schedule);
        stop.unregister = cancellation.onCancel(stop::fire);
        return stop;
    }

    private synchronized void schedule() {
        if (!armed) {
            return;
        }
        if (due != null) {
            due.cancel(false);
        }
        long delay = Math.max(0, deadline.nanos() - System.nanoTime());
        due = timer.schedule(this::check, delay, TimeUnit.NANOSECONDS);
    }

    /** The timer went off: the deadline may have moved since it was set. */
    private void check() {
        if (deadline.passed()) {
            fire();
        } else {
            schedule();
        }
    }

    void fire() {
        synchronized (this) {
            if (!armed) {
                return;
            }
            armed = false;
            fired = true;
        }
        try {
            stopper.execute(this::cancel);
        } catch (RejectedExecutionException e) { // the engine is closing: its contexts go with it
        }
    }

    private void cancel() {
        try {
            context.close(true);
        } catch (IllegalStateException | PolyglotException e) { // closed meanwhile: the run is over
        }
    }

    synchronized boolean fired() {
        return fired;
    }

    void disarm() {
        synchronized (this) {
            armed = false;
            if (due != null) {
                due.cancel(false);
            }
        }
        deadline.onMove(() -> { });
        unregister.run();
    }
}
