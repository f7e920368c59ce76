package dev.wedge.host.auto;

import java.util.List;

/**
 * When {@code engine: auto} moves an app. Every {@code window} runs on its current engine (after {@code warmup}
 * runs it ignores, while the JVM compiles the engine's code), the app's median run gives its work in first-candidate
 * time ({@code median run x current speed}); each candidate's predicted cost per request is its instantiate cost
 * plus that work divided by its speed. The app moves to the cheapest candidate only if staying is predicted
 * {@code hysteresis} times dearer, so an app near the break-even point does not flip back and forth; the same rule,
 * from the other side, moves it back when its runs become short. Decisions depend on counts of runs and on medians.
 *
 * <p>What is assumed of a candidate is its prior until the app shows otherwise ({@link AutoChoice}): an engine's
 * speed for this app is measured on the first window after a move (the median runs before and after), and an engine
 * other than the first is charged the app's own median instantiate once it ran there (such an engine's instance
 * cost grows with the module's memory). The first candidate's instantiate cost stays its prior: a copy-on-write
 * instance costs microseconds whatever the module, and what a cold or busy JVM measures there would only push apps
 * away from it.
 *
 * @param candidates the engines in order, the cheap-instance engine (speed 1) first: apps start there
 * @param window runs per decision
 * @param warmup runs ignored after a load or a switch
 * @param hysteresis how many times dearer than the cheapest the current engine must be predicted before a switch
 */
public record AutoRule(List<EngineCandidate> candidates, int window, int warmup, double hysteresis) {

    public static final int WINDOW = 32;
    public static final int WARMUP = 32;
    public static final double HYSTERESIS = 1.5;

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
     * @param speed per candidate, the speed to assume for this app
     * @param medianRun the app's median run on {@code current}
     * @param usable per candidate, false once it could not compile the app's module
     */
    public int choose(int current, long[] instantiate, double[] speed, long medianRun, boolean[] usable) {
        double work = medianRun * speed[current];
        int best = current;
        for (int i = 0; i < candidates.size(); i++) {
            if (usable[i] && cost(i, instantiate, speed, work) < cost(best, instantiate, speed, work)) {
                best = i;
            }
        }
        return cost(best, instantiate, speed, work) * hysteresis < cost(current, instantiate, speed, work)
                ? best : current;
    }

    /** The predicted nanoseconds per request on candidate {@code i} for {@code work} first-candidate nanoseconds. */
    public static double cost(int i, long[] instantiate, double[] speed, double work) {
        return instantiate[i] + work / speed[i];
    }

    /** The candidates' instantiate priors, to start from. */
    long[] instantiatePriors() {
        return candidates.stream().mapToLong(EngineCandidate::instantiateNanos).toArray();
    }

    /** The candidates' speed priors, to start from. */
    double[] speedPriors() {
        return candidates.stream().mapToDouble(EngineCandidate::speed).toArray();
    }
}
