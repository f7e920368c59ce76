package dev.wedge.server;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.function.Supplier;

/**
 * One app's way onto the node's workers: its requests (and queue messages) wait here, in a bounded queue, until
 * the node's {@link FairShare} lets them run; past the queue the node answers 503. Shared by the app's versions,
 * so its bounds and its penalty box hold across a deploy. Its state is guarded by the {@link FairShare}'s lock.
 */
public final class AppGate {

    /** The app already has as many requests waiting as it may. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("the app has too many requests in progress", null, false, false);
        }
    }

    /** The request's client went away while it waited: it was dropped without running, and nothing is answered. */
    public static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("the client went away before the request ran", null, false, false);
        }
    }

    /** A request waiting to run: what runs it, who may cancel it, and where it came from. */
    static final class Pending {
        final Supplier<Future<AppResponse>> task;
        final Cancellation cancellation;
        final Context context;
        final Promise<AppResponse> result = Promise.promise();
        long startedAt; // when it left the queue for a worker (nanoTime); set under the FairShare's lock

        Pending(Supplier<Future<AppResponse>> task, Cancellation cancellation, Context context) {
            this.task = task;
            this.cancellation = cancellation;
            this.context = context;
        }
    }

    final String name;
    final int maxWaiting;
    final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    final PenaltyBox box;
    volatile int maxConcurrent;
    private final LinkedHashSet<Pending> running = new LinkedHashSet<>(); // in start order: the oldest first
    private long meanRunNanos; // of its recent runs, each weighing 1/8
    boolean inTurn; // in the FairShare's round of apps with waiting requests
    private boolean paused;
    private long pauseEnds;
    private final FairShare share;

    AppGate(FairShare share, String name, int maxConcurrent, int maxWaiting, PenaltyBox box) {
        this.share = share;
        this.name = name;
        this.maxConcurrent = maxConcurrent;
        this.maxWaiting = maxWaiting;
        this.box = box;
    }

    public String name() {
        return name;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Runs {@code task} once the node lets this app run one more guest; fails with {@link Busy} when the queue
     * is full, and with {@link ClientGone} when {@code cancellation} comes while it waits. The task may start on
     * any thread (this one, or the worker that made room for it), so it must not touch what belongs to an event
     * loop; the result completes on the caller's context.
     */
    public Future<AppResponse> submit(Supplier<Future<AppResponse>> task, Cancellation cancellation) {
        return share.submit(this, task, cancellation);
    }

    int running() {
        return running.size();
    }

    void started(Pending pending, long now) {
        pending.startedAt = now;
        running.add(pending);
    }

    void ended(Pending pending, long now) {
        running.remove(pending);
        meanRunNanos += (now - pending.startedAt - meanRunNanos) / 8;
    }

    /**
     * Whether the app's guests hold a core for long: its oldest running guest has run {@code longRun} or more,
     * or its recent runs took that long on average.
     */
    boolean runsLong(long now, long longRun) {
        return meanRunNanos >= longRun || !running.isEmpty() && now - running.getFirst().startedAt >= longRun;
    }

    /** When the current pause ends (nanoTime); meaningful while {@link #pausing} is true. */
    long pauseEnds() {
        return pauseEnds;
    }

    /** Starts nothing before {@code until} (nanoTime); a longer pause already set stands. */
    void pauseUntil(long until) {
        if (!paused || until - pauseEnds > 0) {
            pauseEnds = until;
        }
        paused = true;
    }

    boolean pausing(long now) {
        if (paused && now - pauseEnds >= 0) {
            paused = false;
        }
        return paused;
    }

    /** Has a guest running or a request waiting: competes for the node's cores. */
    boolean active() {
        return !running.isEmpty() || !waiting.isEmpty();
    }
}
