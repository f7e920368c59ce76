package dev.wedge.host.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A request whose client went away is not run, or stops, and answers 499 client-gone instead of a failure. */
class CancellationTest extends EngineTest {

    /** Far below the guests' own deadline (Guests.TEST_LIMITS, 30 s): a run that ends within it was stopped. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(15);

    private static AppRequest request() {
        return AppRequest.of("GET", "/", Headers.of("host", "test.local"), new byte[0]);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aRunCancelledBeforeItStartsAnswersClientGone(String engine) {
        App app = Guests.load(host(engine), "endless", Guests.config("endless"));
        var cancellation = Cancellation.create();
        cancellation.cancel();
        Guests.assertFailure(app.handle(request(), cancellation), 499, "client-gone");
    }

    /** Chicory stops the guest where it is; Wasmtime at its next host call, which this guest makes in its loop. */
    @ParameterizedTest
    @MethodSource("engines")
    void aRunningGuestStopsWhenItsRunIsCancelled(String engine) throws Exception {
        App app = Guests.load(host(engine), "endless", Guests.config("endless"));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            var cancellation = Cancellation.create();
            Future<AppResponse> run = worker.submit(() -> app.handle(request(), cancellation));
            cancellation.cancel();
            long cancelled = System.nanoTime();
            Guests.assertFailure(run.get(STOP_BOUND.toSeconds(), TimeUnit.SECONDS), 499, "client-gone");
            assertTrue(System.nanoTime() - cancelled < STOP_BOUND.toNanos());
            App counter = Guests.load(host(engine), "probe", Guests.config("probe"));
            Guests.ok(worker.submit(() -> Guests.get(host(engine), counter, "/counter")).get());
        } finally {
            worker.shutdownNow();
        }
    }
}
