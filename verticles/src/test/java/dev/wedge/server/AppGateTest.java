package dev.wedge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppGateTest {

    @Test
    void runsUpToTheLimitQueuesTheNextAndRefusesBeyondTheQueue() {
        var gate = new AppGate(2, 1);
        List<Promise<String>> started = new ArrayList<>();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(gate.submit(() -> {
                Promise<String> running = Promise.promise();
                started.add(running);
                return running.future();
            }));
        }
        assertEquals(2, started.size(), "two run at once");
        assertInstanceOf(AppGate.Busy.class, results.get(3).cause(), "the fourth finds the queue full");
        assertFalse(results.get(2).isComplete(), "the third waits");

        started.get(0).complete("first");
        assertEquals("first", results.get(0).result());
        assertEquals(3, started.size(), "a finished request lets the queued one start");
        started.get(1).fail("boom");
        started.get(2).complete("third");
        assertTrue(results.get(1).failed());
        assertEquals("third", results.get(2).result());
        assertEquals("again", gate.submit(() -> Future.succeededFuture("again")).result(), "slots are given back");
    }
}
