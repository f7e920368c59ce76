package dev.wedge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.FairnessConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The penalty box's rules, on the test's clock. */
class PenaltyBoxTest {

    private static final long SECOND = 1_000_000_000L;
    /** 3 failures in 10 s; a 10 s first stay, at most 40 s. */
    private static final FairnessConfig CONFIG = new FairnessConfig(1, 3, Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofSeconds(40));

    private final PenaltyBox box = new PenaltyBox(CONFIG);
    private long now = 1_000 * SECOND;

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            box.record(now, true);
        }
    }

    private void succeed(int times) {
        for (int i = 0; i < times; i++) {
            box.record(now, false);
        }
    }

    @Test
    void entersAfterEnoughFailuresThatAreAtLeastHalfOfItsRuns() {
        fail(2);
        assertFalse(box.penalized(now), "two failures are not enough");
        succeed(10);
        fail(1);
        assertFalse(box.penalized(now), "three failures among thirteen runs: a busy app's odd failure");
        now += 11 * SECOND; // the window moves past them
        fail(2);
        assertFalse(box.penalized(now));
        assertTrue(box.record(now, true), "the third failure within the window, and all of its runs");
        assertTrue(box.penalized(now));
        assertEquals(1, box.state(now).penalties());
    }

    @Test
    void aStayIsRenewedAtTwiceTheLengthWhileTheAppKeepsFailingThenLiftedWhenItStops() {
        fail(3);
        assertEquals(10_000, box.state(now).backoffMillis());
        now += 9 * SECOND;
        fail(1);
        now += 1 * SECOND;
        assertTrue(box.penalized(now), "still failing when the stay ends: renewed");
        assertEquals(20_000, box.state(now).backoffMillis());
        now += 15 * SECOND;
        fail(1);
        now += 5 * SECOND;
        assertTrue(box.penalized(now), "a failure within the window (10 s) before the end: renewed again");
        assertEquals(40_000, box.state(now).backoffMillis());
        now += 40 * SECOND;
        assertFalse(box.penalized(now), "no failure within the window: lifted");
        assertEquals(1, box.state(now).penalties(), "renewals are one stay");
    }

    @Test
    void enoughSuccessesInARowLiftItAtOnceAndComingBackSoonDoublesTheStay() {
        fail(3);
        succeed(2);
        fail(1);
        succeed(2);
        assertTrue(box.penalized(now), "successes must come in a row");
        succeed(1);
        assertFalse(box.penalized(now));
        now += 5 * SECOND; // within one stay of leaving
        fail(3);
        assertTrue(box.penalized(now));
        assertEquals(20_000, box.state(now).backoffMillis());
        succeed(3);
        now += 60 * SECOND; // long after: starts over
        fail(3);
        assertEquals(10_000, box.state(now).backoffMillis());
        assertEquals(3, box.state(now).penalties());
    }
}
