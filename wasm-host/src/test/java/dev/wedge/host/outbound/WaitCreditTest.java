package dev.wedge.host.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.Guests;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.run.App;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Time spent waiting on an origin is not charged to the app's deadline (on both engines: Chicory's interrupt is
 * re-armed, Wasmtime's epoch deadline set again from the host call); computing is; the wall-clock cap bounds both.
 */
class WaitCreditTest extends OutboundTestBase {

    private App app(String engine, long timeoutMs, Long wallMs) {
        Map<String, Object> settings = new HashMap<>(loopback());
        settings.put("timeout-ms", timeoutMs);
        if (wallMs != null) {
            settings.put("wall-timeout-ms", wallMs);
        }
        return app(engine, "outbound_probe", settings);
    }

    private static AppResponse run(App app, String script) {
        return app.handle(AppRequest.of("POST", "/", Headers.of(), script.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void waitingTwoSecondsUnderAHalfSecondDeadlineSucceeds(String engine) {
        App app = app(engine, 500, null);
        AppResponse response = run(app, "get " + plain("/slow?ms=2000") + "\nget " + plain("/hello"));
        assertEquals("0 200 slow\n0 200 hello\n", Guests.ok(response));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void computingPastTheDeadlineIsStoppedAsBefore(String engine) {
        App app = app(engine, 500, null);
        Guests.assertFailure(run(app, "spin 600"), 532, "timeout");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void creditIsOnlyWhatWasWaited(String engine) {
        App app = app(engine, 500, null); // 300 + 300 ms of computing around a 1 s wait: 600 ms charged
        Guests.assertFailure(run(app, "spin 300\nget " + plain("/slow?ms=1000") + "\nspin 300"), 532, "timeout");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theWallClockCapBoundsWaits(String engine) {
        App app = app(engine, 500, 1500L);
        long started = System.nanoTime();
        Guests.assertFailure(run(app, "get " + plain("/slow?ms=20000")), 532, "timeout");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs < 15_000, "the wait ran to " + tookMs + " ms, past the cap of 1500");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void storeAndCallWaitsShareTheCreditWithCompute(String engine) {
        App app = app(engine, 500, null);
        AppResponse response = run(app, "spin 200\nget " + plain("/slow?ms=700") + "\nspin 200");
        assertEquals(List.of("0", "0 200 slow", "0"), List.of(Guests.ok(response).split("\n")));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aRunWaitingOnAnOriginStopsWhenItsClientGoes(String engine) throws Exception {
        Map<String, Object> settings = new HashMap<>(loopback("timeout-ms", 120_000));
        settings.put("timeout-ms", 30_000);
        App app = app(engine, "outbound_probe", settings);
        int hits = origins.hits();
        Cancellation cancellation = Cancellation.create();
        CompletableFuture<AppResponse> response = CompletableFuture.supplyAsync(() -> app.handle(AppRequest.of(
                "POST", "/", Headers.of(), ("get " + plain("/slow?ms=90000")).getBytes(StandardCharsets.UTF_8)),
                cancellation));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (origins.hits() == hits && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // polling until the guest's call reached the origin
        }
        assertTrue(origins.hits() > hits, "the call reached the origin");
        cancellation.cancel();
        // without the stop, the wait would last until the origin answers (90 s) or the wall cap (60 s)
        Guests.assertFailure(response.get(30, TimeUnit.SECONDS), 499, NodeAnswer.CLIENT_GONE.reason());
    }
}
