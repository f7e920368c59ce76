package dev.wedge.host.run;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** One run's identity and timings: request id, start, deadline, instantiation time, final memory size. */
final class RunClock {

    private final String requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final long started = System.nanoTime();
    private final long deadline;
    private long instantiateNanos;
    private long memoryBytes;

    RunClock(App app) {
        this.deadline = started + app.config().limits().timeout().toNanos();
    }

    String requestId() {
        return requestId;
    }

    long started() {
        return started;
    }

    long deadline() {
        return deadline;
    }

    void instantiated() {
        instantiateNanos = System.nanoTime() - started;
    }

    long instantiateNanos() {
        return instantiateNanos;
    }

    void memory(long bytes) {
        memoryBytes = bytes;
    }

    long memoryBytes() {
        return memoryBytes;
    }
}
