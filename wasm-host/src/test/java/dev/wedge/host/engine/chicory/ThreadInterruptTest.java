package dev.wedge.host.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.Guests;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.HostFunction;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.module.ModuleInspector;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cancelled run is stopped like one past its deadline: at once, even in a loop without host calls. */
class ThreadInterruptTest {

    /** Far beyond how long a stop takes on a busy machine, and far below the guest's own deadline. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);

    @Test
    void cancellingARunningGuestStopsItAsATimeoutAndLeavesTheThreadClean() throws Exception {
        byte[] wasm = Guests.bytes("endless");
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (var engine = new ChicoryEngine();
                CompiledModule module = engine.compile(wasm, ModuleInspector.inspect(wasm))) {
            var inGuest = new CountDownLatch(1);
            var cancellation = Cancellation.create();
            var deadline = RunDeadline.fixed(System.nanoTime() + Duration.ofMinutes(10).toNanos());
            Future<GuestTrap.Kind> run = worker.submit(() -> {
                try (var instance = module.instantiate(wanted -> new HostFunction(wanted.module(), wanted.name(),
                        wanted.signature(), (memory, args) -> {
                            inGuest.countDown();
                            return new long[] {0};
                        }), deadline, cancellation)) {
                    instance.call("spin"); // one host call, then a loop only the engine can stop
                    return null;
                } catch (GuestTrap trap) {
                    return trap.kind();
                }
            });
            assertTrue(inGuest.await(STOP_BOUND.toSeconds(), TimeUnit.SECONDS), "the guest started");
            long cancelled = System.nanoTime();
            cancellation.cancel();
            assertEquals(GuestTrap.Kind.TIMEOUT, run.get(STOP_BOUND.toSeconds(), TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - cancelled < STOP_BOUND.toNanos());
            assertFalse(worker.submit(() -> Thread.currentThread().isInterrupted()).get(),
                    "the pooled thread is left without an interrupt for its next guest");
        } finally {
            worker.shutdownNow();
        }
    }
}
