package dev.wedge.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A run's deadline: waits move it back, never past the wall-clock cap; while waiting only the cap counts. */
class RunDeadlineTest {

    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void aWaitMovesTheComputeDeadlineByItsLengthAndTellsTheEngine() {
        long now = System.nanoTime();
        var deadline = new RunDeadline(now + HOUR, now + 3 * HOUR);
        var moves = new AtomicInteger();
        deadline.onMove(moves::incrementAndGet);
        deadline.beginWait();
        assertEquals(now + 3 * HOUR, deadline.nanos(), "while waiting, only the cap applies");
        deadline.endWait();
        assertTrue(deadline.nanos() > now + HOUR, "the wait was credited");
        assertTrue(deadline.nanos() < now + 2 * HOUR);
        assertEquals(2, moves.get());
        deadline.endWait(); // not waiting: nothing to credit
        assertEquals(2, moves.get());
    }

    @Test
    void creditNeverPassesTheCap() {
        long now = System.nanoTime();
        var deadline = new RunDeadline(now + HOUR, now + HOUR + 1);
        deadline.beginWait();
        Thread.onSpinWait();
        long before = System.nanoTime();
        while (System.nanoTime() - before < 2_000) {
            Thread.onSpinWait(); // a measurable wait
        }
        deadline.endWait();
        assertEquals(now + HOUR + 1, deadline.nanos());
        assertEquals(deadline.wallNanos(), deadline.nanos());
    }

    @Test
    void aComputeDeadlinePastTheCapIsTheCap() {
        var deadline = new RunDeadline(100, 50);
        assertEquals(50, deadline.nanos());
        assertTrue(deadline.passed());
    }
}
