package dev.wedge.host.run;

import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.limits.Limits;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run's identity and timings: request id, start, deadline (the app's {@code timeout-ms} of computing, within
 * its {@code wall-timeout-ms} in all), instantiation time, final memory size.
 */
final class RunClock {

    private final String requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final long started = System.nanoTime();
    private final RunDeadline deadline;
    private long instantiateNanos;
    private long memoryBytes;

    RunClock(App app) {
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

    void instantiated() {
        instantiateNanos = System.nanoTime() - started;
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
