package dev.wedge.server;

import dev.wedge.config.FairnessConfig;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.observe.LoadMetrics;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Decides which app's guest runs next on the node's workers, so that one app cannot starve its neighbours of
 * cores. The rules:
 *
 * <ol>
 *   <li>At most {@code slots} guests run on the node at once (its workers); the others wait in their app's
 *       {@link AppGate}, never in the worker pool's queue, so the order is decided here.
 *   <li>An app runs at most its {@code max-concurrent} guests. While another app has work running or waiting, an
 *       app whose guests run long (over {@link #LONG_RUN}: its oldest running one, or its recent average) runs
 *       at most {@code app-share} (default: cores - 1), so it leaves the neighbour at least one core, whatever the
 *       number of workers. In its {@link PenaltyBox}, an app runs one at a time, with a pause after each run that
 *       hit a limit, three times as long as that run. Alone, an app may use the node up to its max-concurrent.
 *   <li>When a worker frees, the apps with waiting requests take turns (round-robin), one start each, rather
 *       than the node serving requests in arrival order.
 * </ol>
 *
 * A guest that already runs is never stopped to make room: the bounds apply when the next one starts. All state is
 * guarded by this object's lock, held for bookkeeping only; tasks start and results complete outside it.
 */
public final class FairShare {

    /** What the admin API shows of an app's load. */
    public record Load(String app, int running, int waiting, int maxConcurrent, int limit, boolean penalized,
            long penaltyRemainingMillis, long penaltyBackoffMillis, int penalties, int recentFailures,
            int recentRuns) {}

    /** Runs an action later, off the caller's thread: a Vert.x timer, or a test's. */
    @FunctionalInterface
    public interface Timer {
        void after(long delayNanos, Runnable action);
    }

    /**
     * In the box, a run that hit a limit is followed by a pause this many times as long before the app's next
     * starts, so its failures take at most a quarter of a core. Measured (benchmarks/README.md, neighbours): one
     * guest at a time alone still left a neighbour under half of its throughput beside a memory bomb or a deep
     * recursion (the JVM's allocation and stack-overflow work go beyond the guest's own thread); a pause as long
     * as the run, about two thirds; three times as long, as much as beside a well-behaved app.
     */
    static final int PAUSE_FACTOR = 3;

    /**
     * How long a guest holds a core before its app counts as running long ones. Quick apps are not bounded by the
     * share: their guests hold a core too briefly to starve anyone, and bounding them only makes their requests
     * wait for each other (measured: a third of a benign app's throughput beside another benign app). Long
     * enough that the hand-offs to and from a worker, which the scheduler's clock includes, never reach it.
     */
    static final long LONG_RUN = TimeUnit.MILLISECONDS.toNanos(10);

    private final int slots;
    private final FairnessConfig config;
    private final LoadMetrics metrics;
    private final LongSupplier clock;
    private final Timer timer;
    private final Map<String, AppGate> gates = new HashMap<>();
    private final ArrayDeque<AppGate> turns = new ArrayDeque<>(); // apps with waiting requests, next first
    private int running;
    private int activeApps;

    /** @param clock {@link System#nanoTime()}, or a test's */
    public FairShare(int slots, FairnessConfig config, LoadMetrics metrics, LongSupplier clock, Timer timer) {
        this.slots = slots;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.timer = timer;
    }

    public FairShare(Vertx vertx, int slots, FairnessConfig config, LoadMetrics metrics) {
        // rounded up: a timer that fires before the pause ends would find the app still pausing
        this(slots, config, metrics, System::nanoTime, (delay, action) -> vertx.setTimer(
                Math.max(1, TimeUnit.NANOSECONDS.toMillis(delay + 999_999)), id -> action.run()));
    }

    /** The app's gate, made on first use; a new max-concurrent applies from the next start. */
    public AppGate gate(String app, int maxConcurrent, int maxWaiting) {
        AppGate gate;
        synchronized (this) {
            gate = gates.get(app);
            if (gate != null) {
                gate.maxConcurrent = maxConcurrent;
                return gate;
            }
            gate = new AppGate(this, app, maxConcurrent, maxWaiting, new PenaltyBox(config));
            gates.put(app, gate);
        }
        AppGate watched = gate;
        metrics.watch(app, () -> load(watched).running(), () -> load(watched).waiting(),
                () -> load(watched).penalized());
        return gate;
    }

    /**
     * Forgets a deleted app's gate. Requests still waiting or running keep the gate they hold, and count until
     * they end; a new deploy of the name starts with a new gate.
     */
    public synchronized void forget(String app) {
        gates.remove(app);
    }

    /** The app's load now, or null for an app this node never loaded. */
    public Load load(String app) {
        AppGate gate;
        synchronized (this) {
            gate = gates.get(app);
        }
        return gate == null ? null : load(gate);
    }

    private synchronized Load load(AppGate gate) {
        long now = clock.getAsLong();
        PenaltyBox.State box = gate.box.state(now);
        return new Load(gate.name, gate.running(), gate.waiting.size(), gate.maxConcurrent, limit(gate, now),
                box.penalized(), box.remainingMillis(), box.backoffMillis(), box.penalties(), box.recentFailures(),
                box.recentRuns());
    }

    Future<AppResponse> submit(AppGate gate, Supplier<Future<AppResponse>> task, Cancellation cancellation) {
        if (cancellation.requested()) { // gone while its body came in
            metrics.abandoned(gate.name, "queued");
            return Future.failedFuture(new AppGate.ClientGone());
        }
        var pending = new AppGate.Pending(task, cancellation, Vertx.currentContext());
        boolean now;
        List<Start> starts;
        synchronized (this) {
            boolean wasActive = gate.active();
            long time = clock.getAsLong();
            now = gate.waiting.isEmpty() && running < slots && gate.running() < limit(gate, time);
            if (now) {
                gate.started(pending, time);
                running++;
            } else if (gate.waiting.size() >= gate.maxWaiting) {
                return Future.failedFuture(new AppGate.Busy());
            } else {
                gate.waiting.add(pending);
                if (!gate.inTurn) {
                    gate.inTurn = true;
                    turns.add(gate);
                }
            }
            activity(gate, wasActive);
            starts = now ? List.of() : nextStarts();
        }
        if (now) {
            start(new Start(gate, pending));
        } else {
            // Outside the lock: a cancellation that already came runs the withdrawal at once, which takes it.
            cancellation.onCancel(() -> withdraw(gate, pending));
            wakeAfterPause(gate);
            starts.forEach(this::start);
        }
        return pending.result.future();
    }

    /** The client of a waiting request went away: drop it, unless it already started. */
    private void withdraw(AppGate gate, AppGate.Pending pending) {
        List<Start> starts;
        synchronized (this) {
            boolean wasActive = gate.active();
            if (!gate.waiting.remove(pending)) {
                return; // started already: the engine stops it
            }
            activity(gate, wasActive);
            starts = nextStarts(); // an app fewer may be competing, so others may start
        }
        metrics.abandoned(gate.name, "queued");
        pending.result.fail(new AppGate.ClientGone());
        starts.forEach(this::start);
    }

    private record Start(AppGate gate, AppGate.Pending pending) {}

    /**
     * Starts a task on this thread, and counts it out when it ends. This thread is the request's event loop, or
     * the worker whose guest just ended (its task's future completes there): that worker then runs the next
     * guest itself, without a hop through the request's event loop and the wake-up of another worker.
     */
    private void start(Start start) {
        AppGate.Pending pending = start.pending();
        Future<AppResponse> task;
        try {
            task = pending.task.get();
        } catch (RuntimeException e) { // a task that cannot even start still gives its slot back
            task = Future.failedFuture(e);
        }
        task.onComplete(outcome -> finished(start.gate(), pending, outcome));
    }

    /** Hands the outcome to the request's event loop, where it was submitted. */
    private static void complete(AppGate.Pending pending, AsyncResult<AppResponse> outcome) {
        if (pending.context == null || pending.context == Vertx.currentContext()) {
            pending.result.handle(outcome);
        } else {
            pending.context.runOnContext(v -> pending.result.handle(outcome));
        }
    }

    private void finished(AppGate gate, AppGate.Pending pending, AsyncResult<AppResponse> outcome) {
        NodeAnswer answer = outcome.succeeded() ? NodeAnswer.ofReason(outcome.result().error()) : null;
        boolean limitHit = answer != null && answer.limitHit();
        boolean boxed = false;
        long pause = 0;
        List<Start> starts;
        synchronized (this) {
            long now = clock.getAsLong();
            boolean wasActive = gate.active();
            gate.ended(pending, now);
            running--;
            // Only what the guest did counts: a run stopped for a gone client, or a node failure, says nothing.
            if (outcome.succeeded() && answer != NodeAnswer.CLIENT_GONE) {
                boxed = gate.box.record(now, limitHit);
            }
            if (limitHit && gate.box.penalized(now)) {
                pause = PAUSE_FACTOR * Math.max(0, now - pending.startedAt);
                gate.pauseUntil(now + pause);
            }
            activity(gate, wasActive);
            starts = nextStarts();
        }
        if (pause > 0) {
            timer.after(pause, this::resume);
        }
        if (boxed) {
            metrics.penalized(gate.name);
        }
        if (answer == NodeAnswer.CLIENT_GONE) {
            metrics.abandoned(gate.name, "running");
        }
        complete(pending, outcome); // first: the response need not wait while the next runs are handed out
        starts.forEach(this::start);
    }

    /** A pause ended: its app may start again. */
    private void resume() {
        List<Start> starts;
        List<AppGate> pausing;
        synchronized (this) {
            starts = nextStarts();
            long now = clock.getAsLong();
            pausing = turns.stream().filter(gate -> gate.pausing(now)).toList();
        }
        pausing.forEach(this::wakeAfterPause); // a timer may fire a little early: wait for the rest
        starts.forEach(this::start);
    }

    /**
     * Makes sure a request waiting only for its app's pause starts when the pause ends, even if nothing else
     * happens on the node by then (no other run ends, no request comes). Call without the lock.
     */
    private void wakeAfterPause(AppGate gate) {
        long remaining;
        synchronized (this) {
            long now = clock.getAsLong();
            if (gate.waiting.isEmpty() || !gate.pausing(now)) {
                return;
            }
            remaining = gate.pauseEnds() - now;
        }
        timer.after(Math.max(1, remaining), this::resume);
    }

    /** Takes the next requests to run, one per app in turn, while workers are free. Call with the lock held. */
    private List<Start> nextStarts() {
        List<Start> starts = new ArrayList<>();
        long now = clock.getAsLong();
        int passed = 0; // apps in turn that may not start one more now; a whole round of them ends it
        while (running < slots && passed < turns.size()) {
            AppGate gate = turns.poll();
            if (gate.waiting.isEmpty()) { // its last waiting request was withdrawn
                gate.inTurn = false;
                continue;
            }
            if (gate.running() < limit(gate, now)) {
                boolean wasActive = gate.active();
                AppGate.Pending next = gate.waiting.poll();
                gate.started(next, now);
                running++;
                starts.add(new Start(gate, next));
                activity(gate, wasActive);
                passed = 0;
            } else {
                passed++;
            }
            if (gate.waiting.isEmpty()) {
                gate.inTurn = false;
            } else {
                turns.add(gate);
            }
        }
        return starts;
    }

    /** How many guests the app may run now: rule 2 above. Call with the lock held. */
    private int limit(AppGate gate, long now) {
        if (gate.pausing(now)) {
            return 0;
        }
        int limit = gate.maxConcurrent;
        if (gate.box.penalized(now)) {
            limit = Math.min(limit, 1);
        }
        boolean othersActive = activeApps - (gate.active() ? 1 : 0) > 0;
        if (othersActive && gate.runsLong(now, LONG_RUN)) {
            limit = Math.min(limit, config.appShare());
        }
        return limit;
    }

    /** Keeps the count of apps competing for cores, after {@code gate} changed. Call with the lock held. */
    private void activity(AppGate gate, boolean wasActive) {
        boolean active = gate.active();
        if (active != wasActive) {
            activeApps += active ? 1 : -1;
        }
    }
}
