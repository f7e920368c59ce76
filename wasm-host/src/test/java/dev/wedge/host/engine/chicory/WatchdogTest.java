package dev.wedge.host.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.RunDeadline;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One timer for all runs: it still stops each run at its own deadline, whatever the order they started in. */
class WatchdogTest {

    /** Far beyond how long a stop takes on a busy machine, and far below the long run's deadline. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);

    @Test
    void aRunStartedLaterWithAnEarlierDeadlineIsStoppedAtItAndTheOtherRunIsLeftAlone() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (var watchdog = new Watchdog("watchdog-test")) {
            var longArmed = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            Future<Boolean> longRun = threads.submit(() -> {
                var deadline = RunDeadline.fixed(System.nanoTime() + Duration.ofMinutes(10).toNanos());
                ThreadInterrupt interrupt = ThreadInterrupt.arm(watchdog, deadline, Cancellation.create());
                longArmed.countDown();
                try {
                    release.await(); // the watchdog is now asleep until this run's deadline, minutes away
                    return interrupt.fired();
                } finally {
                    interrupt.disarm();
                }
            });
            assertTrue(longArmed.await(STOP_BOUND.toSeconds(), TimeUnit.SECONDS));
            Future<Boolean> shortRun = threads.submit(() -> {
                var deadline = RunDeadline.fixed(System.nanoTime() + Duration.ofMillis(50).toNanos());
                ThreadInterrupt interrupt = ThreadInterrupt.arm(watchdog, deadline, Cancellation.create());
                try {
                    new CountDownLatch(1).await(); // only an interrupt ends this
                    return false;
                } catch (InterruptedException stopped) {
                    return interrupt.fired() && interrupt.deadlinePassed();
                } finally {
                    interrupt.disarm();
                }
            });
            assertTrue(shortRun.get(STOP_BOUND.toSeconds(), TimeUnit.SECONDS), "stopped at its deadline");
            release.countDown();
            assertFalse(longRun.get(STOP_BOUND.toSeconds(), TimeUnit.SECONDS), "the long run was not stopped");
        } finally {
            threads.shutdownNow();
        }
    }
}
