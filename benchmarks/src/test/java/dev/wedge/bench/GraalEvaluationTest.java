package dev.wedge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.bench.graal.GraalEngine;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.host.limits.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The GraalWasm evaluation engine does what the node's engines do where the benchmarks measure it: fresh instances
 * that answer like the others, a spinning guest stopped at its deadline, a memory bomb held to the cap.
 */
class GraalEvaluationTest {

    private static final AppRequest GET = AppRequest.of("GET", "/", Headers.of("host", "bench.local"), new byte[0]);

    private static BenchHost host(String guest, Limits limits) {
        return new BenchHost(GraalEngine.NAME, BenchHost.quietServices(), guest,
                new AppConfig(guest, null, Map.of(), limits));
    }

    @Test
    void helloAnswersAsOnTheNodesEnginesRequestAfterRequest() {
        try (BenchHost graal = new BenchHost(GraalEngine.NAME, "hello");
                BenchHost chicory = new BenchHost("chicory", "hello")) {
            String expected = new String(chicory.handle(GET).body(), StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                assertEquals(expected, new String(graal.handle(GET).body(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aSpinningGuestIsStoppedAsATimeout() {
        try (BenchHost loop = host("hostile_loop", Limits.DEFAULT.withTimeout(Duration.ofMillis(200)))) {
            assertEquals(532, loop.handle(GET, 532).status());
        }
    }

    @Test
    void aMemoryBombIsHeldToTheCap() {
        try (BenchHost bomb = host("hostile_membomb", Limits.DEFAULT.withMemoryBytes(16 * Limits.MIB))) {
            assertEquals(531, bomb.handle(GET, 531).status());
        }
    }
}
