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
 * the current one meanwhile) and moves the following requests to it. Every move is told to {@code notices} (the
 * app's log). An engine that cannot compile the module is not tried again for this app.
 */
public final class AutoChoice implements EngineChoice {

    private final List<EngineBinding> bindings;
    private final AutoRule rule;
    private final ModuleCache cache;
    private final Executor compiles;
    private final Consumer<String> notices;
    // Guarded by this: what the rule knows, the window of the current engine's runs, a switch under way.
    private final long[] instantiate;
    private final boolean[] usable;
    private final long[] instantiations;
    private final long[] runs;
    private int seen;
    private boolean switching;
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
        this.instantiate = rule.priors();
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
        int from;
        int to;
        String why;
        synchronized (this) {
            from = current;
            if (switching || !engine.equals(engineOf(from))) { // a run that leased the engine before a switch
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
            if (from != 0) {
                instantiate[from] = median(instantiations);
            }
            long medianRun = median(runs);
            to = rule.choose(from, instantiate, medianRun, usable);
            if (to == from) {
                return;
            }
            switching = true;
            why = String.format("median instantiate %d us and run %d us over %d runs on %s; predicted %d us per "
                    + "request on %s, %d us on %s", median(instantiations) / 1000, medianRun / 1000, rule.window(),
                    engineOf(from), predicted(from, from, medianRun), engineOf(from), predicted(to, from, medianRun),
                    engineOf(to));
        }
        try {
            compiles.execute(() -> moveTo(from, to, why));
        } catch (RejectedExecutionException e) { // the host is closing: stay
            synchronized (this) {
                switching = false;
            }
        }
    }

    private void moveTo(int from, int to, String why) {
        EngineBinding next = bindings.get(to);
        try {
            cache.acquire(next.key(), next.compiler());
            cache.release(next.key());
        } catch (ModuleLoadException | RuntimeException e) {
            synchronized (this) {
                usable[to] = false;
                switching = false;
            }
            notices.accept("engine auto: stays on " + engineOf(from) + " (" + why + "), since " + next.engine()
                    + " cannot compile the module: " + e.getMessage());
            return;
        }
        synchronized (this) {
            current = to;
            seen = 0;
            switching = false;
        }
        notices.accept("engine auto: moved from " + engineOf(from) + " to " + next.engine() + " (" + why + ")");
    }

    private String engineOf(int candidate) {
        return bindings.get(candidate).engine();
    }

    private long predicted(int candidate, int from, long medianRun) {
        return Math.round(rule.cost(candidate, instantiate, medianRun * rule.candidates().get(from).speed()) / 1000);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
