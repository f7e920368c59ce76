package dev.wedge.host.auto;

/**
 * An engine {@code engine: auto} may run an app on, with what the rule assumes of it until the app has run there:
 * its cost to make a fresh instance of a small module, and its compute speed relative to the first candidate (the
 * cheap-instance engine, speed 1). Both are quiet-machine figures from benchmarks/README.md.
 *
 * @param instantiateNanos a fresh instance's cost before the app is observed on this engine
 * @param speed how many times faster than the first candidate a guest computes here
 */
public record EngineCandidate(String engine, long instantiateNanos, double speed) {

    public EngineCandidate {
        if (instantiateNanos < 0 || !(speed > 0)) {
            throw new IllegalArgumentException("an engine candidate needs a cost >= 0 and a speed > 0: " + engine);
        }
    }
}
