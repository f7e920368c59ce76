package dev.wedge.host.engine;

import java.util.concurrent.CompletableFuture;

/**
 * When a run must end: its compute deadline, pushed back by the time the guest spent waiting on the host (an
 * outbound call, a store), but never past the wall-clock cap. While the guest waits, only the cap applies.
 * Thread-safe: the guest's worker moves it, the engine's timer reads it.
 */
public final class RunDeadline {

    private final long wallNanos;
    private long computeNanos; // guarded by this
    private long waitingSince; // guarded by this; 0 when not waiting
    private long waited; // guarded by this: the length of the waits that ended
    private Runnable onMove = () -> { }; // guarded by this
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /**
     * @param computeNanos the {@link System#nanoTime()} by which the guest must have finished computing
     * @param wallNanos the {@link System#nanoTime()} by which the whole run must end, waits included
     */
    public RunDeadline(long computeNanos, long wallNanos) {
        this.computeNanos = Math.min(computeNanos, wallNanos);
        this.wallNanos = wallNanos;
    }

    /** A deadline with no credit to give: compute and wall-clock the same. */
    public static RunDeadline fixed(long nanos) {
        return new RunDeadline(nanos, nanos);
    }

    /** The instant the run is stopped at, as things stand: the wall-clock cap while the guest waits. */
    public synchronized long nanos() {
        return waitingSince != 0 ? wallNanos : computeNanos;
    }

    public long wallNanos() {
        return wallNanos;
    }

    /** How long the run has waited on the host so far (the waits that ended), credited back to its deadline. */
    public synchronized long waitedNanos() {
        return waited;
    }

    public boolean passed() {
        return System.nanoTime() - nanos() >= 0;
    }

    /** The guest starts waiting on the host: until {@link #endWait}, the compute deadline does not run. */
    public void beginWait() {
        Runnable moved;
        synchronized (this) {
            waitingSince = nonZero(System.nanoTime());
            moved = onMove;
        }
        moved.run();
    }

    /** The wait is over: the compute deadline moves back by its length, up to the wall-clock cap. */
    public void endWait() {
        Runnable moved;
        synchronized (this) {
            if (waitingSince == 0) {
                return;
            }
            long wait = System.nanoTime() - waitingSince;
            waitingSince = 0;
            waited += wait;
            computeNanos = Math.min(wallNanos, computeNanos + wait);
            moved = onMove;
        }
        moved.run();
    }

    /**
     * The run is to end now (its client went away): a host call waiting on a backend gives up at once. Engines
     * stop a computing guest themselves; this reaches one that waits, which no engine interrupt does on Wasmtime.
     */
    public void stop() {
        stopped.complete(null);
    }

    /** Completes when {@link #stop} is called. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Lets the engine re-arm its stop when the deadline moves (called on the guest's thread). One listener. */
    public synchronized void onMove(Runnable listener) {
        this.onMove = listener;
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }
}
