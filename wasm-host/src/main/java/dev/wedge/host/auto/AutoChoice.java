package dev.wedge.host.auto;

import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.module.ModuleCache;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * {@code engine: auto} for one app: it starts on the first candidate, observes its runs there and, when
 * {@link AutoRule} says so, compiles its module on the chosen engine in the background (requests keep running on
 * the current one meanwhile) and moves the following requests to it. The first window after a move measures the
 * app's speed there against the engine it left (the median runs of the two windows), which replaces the prior. Every
 * move is told to {@code notices} (the app's log). An engine that cannot compile the module is not tried again.
 */
public final class AutoChoice implements EngineChoice {

    private static final double MIN_SPEED = 0.01;
    private static final double MAX_SPEED = 1000;

    private final List<EngineBinding> bindings;
    private final AutoRule rule;
    private final ModuleCache cache;
    private final Executor compiles;
    private final Consumer<String> notices;
    // Guarded by this: what the rule assumes, the window of the current engine's runs, the last move.
    private final long[] instantiate;
    private final double[] speed;
    private final boolean[] usable;
    private final long[] instantiations;
    private final long[] runs;
    private int seen;
    private boolean switching;
    private int movedFrom = -1;
    private long runBeforeMove;
    private volatile int current;

    /**
     * @param bindings the app's module on each of the rule's candidates, in the same order
     * @param compiles where the next engine compiles the module, off the request path
     */
    public AutoChoice(List<EngineBinding> bindings, AutoRule rule, ModuleCache cache, Executor compiles,
            Consumer<String> notices) {
        if (bindings.size() != rule.candidates().size()) {
            throw new IllegalArgumentException("one binding per candidate engine");
        }
        this.bindings = List.copyOf(bindings);
        this.rule = rule;
        this.cache = cache;
        this.compiles = compiles;
        this.notices = notices;
        this.instantiate = rule.instantiatePriors();
        this.speed = rule.speedPriors();
        this.usable = new boolean[bindings.size()];
        Arrays.fill(usable, true);
        this.instantiations = new long[rule.window()];
        this.runs = new long[rule.window()];
    }

    @Override
    public EngineBinding current() {
        return bindings.get(current);
    }

    @Override
    public void observe(String engine, long instantiateNanos, long runNanos) {
        Move move;
        synchronized (this) {
            if (switching || !engine.equals(engineOf(current))) { // a run that leased the engine before a move
                return;
            }
            int counted = seen++ - rule.warmup();
            if (counted < 0) {
                return;
            }
            int slot = counted % rule.window();
            instantiations[slot] = instantiateNanos;
            runs[slot] = runNanos;
            if (slot != rule.window() - 1) {
                return;
            }
            seen = rule.warmup(); // the next window starts afresh
            move = decide(current, median(instantiations), median(runs));
            if (move == null) {
                return;
            }
            switching = true;
        }
        try {
            compiles.execute(() -> moveTo(move));
        } catch (RejectedExecutionException e) { // the host is closing: stay
            synchronized (this) {
                switching = false;
            }
        }
    }

    private record Move(int from, int to, long medianRun, String why) {}

    /** Learns from a full window on {@code from}; the move the rule asks for, or null to stay. */
    private Move decide(int from, long medianInstantiate, long medianRun) {
        if (from != 0) {
            instantiate[from] = medianInstantiate;
        }
        if (movedFrom >= 0) { // the first window since the move: how much faster this engine is for this app
            double faster = (double) runBeforeMove / Math.max(1, medianRun);
            if (from != 0) {
                speed[from] = clamp(speed[movedFrom] * faster);
            } else {
                speed[movedFrom] = clamp(1 / faster);
            }
            movedFrom = -1;
        }
        int to = rule.choose(from, instantiate, speed, medianRun, usable);
        if (to == from) {
            return null;
        }
        double work = medianRun * speed[from];
        String why = String.format("median instantiate %d us and run %d us over %d runs on %s; predicted %d us per "
                + "request there, %d us on %s", medianInstantiate / 1000, medianRun / 1000, rule.window(),
                engineOf(from), micros(AutoRule.cost(from, instantiate, speed, work)),
                micros(AutoRule.cost(to, instantiate, speed, work)), engineOf(to));
        return new Move(from, to, medianRun, why);
    }

    private void moveTo(Move move) {
        EngineBinding next = bindings.get(move.to());
        try {
            cache.acquire(next.key(), next.compiler());
            cache.release(next.key());
        } catch (ModuleLoadException | RuntimeException e) {
            synchronized (this) {
                usable[move.to()] = false;
                switching = false;
            }
            notices.accept("engine auto: stays on " + engineOf(move.from()) + " (" + move.why() + "), since "
                    + next.engine() + " cannot compile the module: " + e.getMessage());
            return;
        }
        synchronized (this) {
            current = move.to();
            movedFrom = move.from();
            runBeforeMove = move.medianRun();
            seen = 0;
            switching = false;
        }
        notices.accept("engine auto: moved from " + engineOf(move.from()) + " to " + next.engine() + " ("
                + move.why() + ")");
    }

    private String engineOf(int candidate) {
        return bindings.get(candidate).engine();
    }

    private static long micros(double nanos) {
        return Math.round(nanos / 1000);
    }

    private static double clamp(double value) {
        return Math.max(MIN_SPEED, Math.min(MAX_SPEED, value));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
