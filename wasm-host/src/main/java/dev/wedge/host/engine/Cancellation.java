package dev.wedge.host.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's deadline brought forward to now, on demand: the node cancels a request whose client has gone. Whoever
 * holds the run at that moment reacts: the queue it waits in drops it, the engine running it stops the guest as
 * if its deadline had passed. Each registers what to do while it holds the run and unregisters when it lets go.
 * Thread-safe: a cancel comes from an event loop while a worker runs the guest.
 */
public final class Cancellation {

    /** For runs nobody may cancel (queue messages are delivered at least once and must run to their end). */
    public static final Cancellation NEVER = new Cancellation(false);

    private final boolean cancellable;
    private final List<Runnable> reactions = new ArrayList<>(2); // guarded by this
    private volatile boolean requested;

    private Cancellation(boolean cancellable) {
        this.cancellable = cancellable;
    }

    public static Cancellation create() {
        return new Cancellation(true);
    }

    public boolean requested() {
        return requested;
    }

    /** Cancels the run: runs every registered reaction once, and any registered later at once. Idempotent. */
    public void cancel() {
        if (!cancellable) {
            return;
        }
        List<Runnable> now;
        synchronized (this) {
            if (requested) {
                return;
            }
            requested = true;
            now = List.copyOf(reactions);
        }
        now.forEach(Runnable::run); // outside the lock: a reaction takes its own (the engine's, the queue's)
    }

    /**
     * Runs {@code reaction} when the run is cancelled, until the returned handle is run; at once (on this thread)
     * when it already was.
     */
    public Runnable onCancel(Runnable reaction) {
        if (!cancellable) {
            return () -> { };
        }
        synchronized (this) {
            if (!requested) {
                reactions.add(reaction);
                return () -> {
                    synchronized (this) {
                        reactions.remove(reaction);
                    }
                };
            }
        }
        reaction.run();
        return () -> { };
    }
}
