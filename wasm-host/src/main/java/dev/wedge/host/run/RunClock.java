package dev.wedge.host.run;

import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.limits.Limits;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run's identity and timings: request id, start, deadline (the app's {@code timeout-ms} of computing, within
 * its {@code wall-timeout-ms} in all), the engine it ran on, instantiation time, final memory size.
 */
final class RunClock {

    private final String requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final long started = System.nanoTime();
    private final RunDeadline deadline;
    private String engine;
    private long instantiating;
    private long instantiated;
    private long instantiateNanos;
    private long waitedBeforeRun;
    private long memoryBytes;

    RunClock(App app) {
        this.engine = app.engine();
        Limits limits = app.config().limits();
        this.deadline = new RunDeadline(started + limits.timeout().toNanos(),
                started + limits.wallTimeout().toNanos());
    }

    String requestId() {
        return requestId;
    }

    long started() {
        return started;
    }

    RunDeadline deadline() {
        return deadline;
    }

    /** The engine the run leased its module on (an {@code engine: auto} app may move between runs). */
    void engine(String name) {
        engine = name;
    }

    String engine() {
        return engine;
    }

    /** The engine starts making the instance: what came before was the node's part. */
    void instantiating() {
        instantiating = System.nanoTime();
    }

    void instantiated() {
        instantiated = System.nanoTime();
        waitedBeforeRun = deadline.waitedNanos();
        instantiateNanos = instantiated - started;
    }

    /** The engine's part of {@link #instantiateNanos}, from {@link #instantiating}. */
    long engineInstantiateNanos() {
        return instantiated - instantiating;
    }

    /** The guest's computing since {@link #instantiated}: its run without its waits on the host. */
    long computedSinceInstantiated() {
        return System.nanoTime() - instantiated - (deadline.waitedNanos() - waitedBeforeRun);
    }

    /** A run of several instances (a CDN app's phases) counts each one's instantiation. */
    void addInstantiation(long nanos) {
        instantiateNanos += nanos;
    }

    long instantiateNanos() {
        return instantiateNanos;
    }

    /** The largest memory of the run's instances. */
    void memory(long bytes) {
        memoryBytes = Math.max(memoryBytes, bytes);
    }

    long memoryBytes() {
        return memoryBytes;
    }
}
