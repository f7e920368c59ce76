package dev.wedge.host.auto;

import java.util.List;

/**
 * When {@code engine: auto} moves an app. Every {@code window} runs on its current engine (after {@code warmup}
 * runs it ignores, while the JVM compiles the engine's code), the app's median run gives its work in first-candidate
 * time ({@code median run x current speed}); each candidate's predicted cost per request is its instantiate cost
 * plus that work divided by its speed. The instantiate cost is the candidate's prior, or for an engine other than
 * the first, the app's own median there once it ran there (such an engine's instance cost grows with the module's
 * memory). The first candidate's cost stays its prior: a copy-on-write instance costs microseconds whatever the
 * module, and what a cold or busy JVM measures there would only push apps away from it. The app
 * moves to the cheapest candidate only if it is predicted {@code hysteresis} times cheaper than staying, so an app
 * near the break-even point does not flip back and forth; the same rule, from the other side, moves it back when
 * its runs become short. Decisions depend on counts of runs and on the medians alone.
 *
 * @param candidates the engines in order, the cheap-instance engine (speed 1) first: apps start there
 * @param window runs per decision
 * @param warmup runs ignored after a load or a switch
 * @param hysteresis how many times cheaper another engine must be predicted before a switch
 */
public record AutoRule(List<EngineCandidate> candidates, int window, int warmup, double hysteresis) {

    public static final int WINDOW = 32;
    public static final int WARMUP = 32;
    public static final double HYSTERESIS = 2;

    public AutoRule {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty() || window < 1 || warmup < 0 || hysteresis < 1) {
            throw new IllegalArgumentException("engine auto needs candidates, a window >= 1 and a hysteresis >= 1");
        }
    }

    /** The node's rule over these candidates. */
    public static AutoRule of(List<EngineCandidate> candidates) {
        return new AutoRule(candidates, WINDOW, WARMUP, HYSTERESIS);
    }

    /**
     * The candidate the app runs on next.
     *
     * @param current the candidate it ran on
     * @param instantiate per candidate, the instantiate cost to assume
     * @param medianRun the app's median run on {@code current}
     * @param usable per candidate, false once it could not compile the app's module
     */
    public int choose(int current, long[] instantiate, long medianRun, boolean[] usable) {
        double work = medianRun * candidates.get(current).speed();
        int best = current;
        for (int i = 0; i < candidates.size(); i++) {
            if (usable[i] && cost(i, instantiate, work) < cost(best, instantiate, work)) {
                best = i;
            }
        }
        return cost(best, instantiate, work) * hysteresis < cost(current, instantiate, work) ? best : current;
    }

    /** The predicted nanoseconds per request on candidate {@code i}. */
    public double cost(int i, long[] instantiate, double work) {
        return instantiate[i] + work / candidates.get(i).speed();
    }

    /** The candidates' priors, to start from. */
    long[] priors() {
        return candidates.stream().mapToLong(EngineCandidate::instantiateNanos).toArray();
    }
}
