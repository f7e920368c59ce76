package dev.wedge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.FairnessConfig;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.observe.LoadMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The node's scheduler without a node: tasks are promises the test completes, time is the test's. */
class FairShareTest {

    private static final AppResponse OK = new AppResponse(200, new Headers(), new byte[0], null);

    /** Three failures in a minute put an app in the box for a minute; nothing here waits for that. */
    private static final FairnessConfig CONFIG = new FairnessConfig(1, 3, Duration.ofMinutes(1),
            Duration.ofMinutes(1), Duration.ofMinutes(10));

    /** The events a scheduler reported, as "app event" lines. */
    private final List<String> events = new ArrayList<>();
    private final LoadMetrics metrics = new LoadMetrics() {
        @Override
        public void watch(String app, IntSupplier running, IntSupplier waiting, BooleanSupplier penalized) {}

        @Override
        public void penalized(String app) {
            events.add(app + " penalized");
        }

        @Override
        public void abandoned(String app, String stage) {
            events.add(app + " abandoned " + stage);
        }
    };
    /** Every task started, in order, as "app#n", with the promise that ends it. */
    private final List<String> started = new ArrayList<>();
    private final List<Promise<AppResponse>> runs = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private long now;

    private FairShare share(int slots) {
        return new FairShare(slots, CONFIG, metrics, () -> now, (delay, action) -> timers.add(action));
    }

    private Future<AppResponse> submit(AppGate gate, String label, Cancellation cancellation) {
        return gate.submit(() -> {
            Promise<AppResponse> run = Promise.promise();
            started.add(label);
            runs.add(run);
            return run.future();
        }, cancellation);
    }

    private Future<AppResponse> submit(AppGate gate, String label) {
        return submit(gate, label, Cancellation.NEVER);
    }

    private Promise<AppResponse> run(String label) {
        return runs.get(started.indexOf(label));
    }

    @Test
    void runsUpToTheLimitQueuesTheNextAndRefusesBeyondTheQueue() {
        AppGate gate = share(8).gate("a", 2, 1);
        List<Future<AppResponse>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(submit(gate, "a#" + i));
        }
        assertEquals(List.of("a#0", "a#1"), started, "two run at once");
        assertInstanceOf(AppGate.Busy.class, results.get(3).cause(), "the fourth finds the queue full");
        assertFalse(results.get(2).isComplete(), "the third waits");

        run("a#0").complete(OK);
        assertEquals(OK, results.get(0).result());
        assertEquals(List.of("a#0", "a#1", "a#2"), started, "a finished request lets the queued one start");
        run("a#1").fail("boom");
        run("a#2").complete(OK);
        assertTrue(results.get(1).failed());
        assertTrue(submit(gate, "a#4").isComplete() || started.contains("a#4"), "slots are given back");
    }

    @Test
    void anAppRunningLongGuestsUsesItsMaxConcurrentAloneButOnlyItsShareWhileAnotherHasWork() {
        FairShare share = share(8);
        AppGate a = share.gate("a", 4, 100);
        AppGate b = share.gate("b", 4, 100);
        for (int i = 0; i < 5; i++) {
            submit(a, "a#" + i);
        }
        assertEquals(4, share.load("a").running(), "alone, up to its max-concurrent");
        submit(b, "b#0");
        now += 2 * FairShare.LONG_RUN; // the guests of both now hold their cores for long
        submit(b, "b#1");
        submit(b, "b#2");
        assertEquals(1, share.load("b").running(), "with a neighbour at work, its share (1), not the free workers");
        assertEquals(2, share.load("b").waiting());
        run("a#0").complete(OK);
        run("a#1").complete(OK);
        assertEquals(2, share.load("a").running(), "running guests are not stopped; new ones wait for the share");
        assertEquals(1, share.load("a").waiting());
        assertEquals(1, share.load("a").limit());
        run("a#2").complete(OK);
        run("a#3").complete(OK);
        assertTrue(started.contains("a#4"), "down to its share, the app starts its next");
        run("a#4").complete(OK);
        assertEquals(List.of("b#1", "b#2"), started.subList(started.size() - 2, started.size()),
                "alone again, the neighbour may use its max-concurrent");
    }

    @Test
    void anAppOfQuickGuestsIsNotBoundByTheShare() {
        FairShare share = share(8);
        AppGate slow = share.gate("slow", 4, 100);
        AppGate quick = share.gate("quick", 4, 100);
        submit(slow, "slow#0");
        now += 2 * FairShare.LONG_RUN;
        for (int i = 0; i < 4; i++) { // quick runs: each ends at once
            submit(quick, "quick#" + i);
            run("quick#" + i).complete(OK);
        }
        for (int i = 4; i < 8; i++) {
            submit(quick, "quick#" + i);
        }
        assertEquals(4, share.load("quick").running(), "its guests hold a core briefly: waiting helps no one");
        assertEquals(1, share.load("slow").limit(), "the slow one is held to its share");
    }

    @Test
    void waitingAppsTakeTurnsWhenAWorkerFrees() {
        FairShare share = share(2);
        AppGate a = share.gate("a", 2, 100);
        AppGate b = share.gate("b", 2, 100);
        AppGate c = share.gate("c", 2, 100);
        submit(a, "a#0");
        submit(b, "b#0");
        for (int i = 1; i <= 3; i++) { // arrival order: every a before any b before any c
            submit(a, "a#" + i);
        }
        for (int i = 1; i <= 3; i++) {
            submit(b, "b#" + i);
        }
        for (int i = 1; i <= 3; i++) {
            submit(c, "c#" + i);
        }
        for (int i = 0; i < 8; i++) {
            runs.get(i).complete(OK);
        }
        assertEquals(List.of("a#0", "b#0", "a#1", "b#1", "c#1", "a#2", "b#2", "c#2", "a#3", "b#3"), started);
    }

    @Test
    void aWaitingRequestWhoseClientWentAwayIsDroppedAndARunningOneIsCounted() {
        FairShare share = share(8);
        AppGate gate = share.gate("a", 1, 100);
        var first = Cancellation.create();
        var second = Cancellation.create();
        submit(gate, "a#0", first);
        Future<AppResponse> dropped = submit(gate, "a#1", second);
        second.cancel();
        assertInstanceOf(AppGate.ClientGone.class, dropped.cause());
        assertEquals(0, share.load("a").waiting());
        first.cancel(); // the engine stops the guest, which answers client-gone
        run("a#0").complete(NodeAnswer.CLIENT_GONE.respond("gone"));
        assertEquals(List.of("a#0"), started, "the dropped request never ran");
        assertEquals(List.of("a abandoned queued", "a abandoned running"), events);
        assertEquals(0, share.load("a").recentRuns(), "a gone client says nothing about the app");
    }

    @Test
    void anAppThatKeepsHittingItsLimitsRunsOneAtATimeUntilItBehaves() {
        FairShare share = share(8);
        AppGate gate = share.gate("a", 4, 100);
        for (int i = 0; i < 3; i++) {
            submit(gate, "a#" + i);
        }
        for (int i = 0; i < 3; i++) {
            run("a#" + i).complete(NodeAnswer.TIMEOUT.respond("too slow"));
        }
        assertEquals(List.of("a penalized"), events);
        assertTrue(share.load("a").penalized());
        for (int i = 3; i < 6; i++) {
            submit(gate, "a#" + i);
        }
        assertEquals(1, share.load("a").running(), "alone, but in the box: one at a time");
        assertEquals(2, share.load("a").waiting());
        for (int i = 3; i < 6; i++) {
            run("a#" + i).complete(OK);
        }
        assertFalse(share.load("a").penalized(), "three successes in a row let it out");
        assertEquals(4, share.load("a").limit());
    }

    @Test
    void inTheBoxARunThatHitALimitIsFollowedByAPauseThreeTimesAsLong() {
        FairShare share = share(8);
        AppGate gate = share.gate("a", 4, 100);
        for (int i = 0; i < 3; i++) {
            submit(gate, "a#" + i);
        }
        for (int i = 0; i < 3; i++) {
            run("a#" + i).complete(NodeAnswer.TIMEOUT.respond("too slow"));
        }
        assertTrue(share.load("a").penalized());
        submit(gate, "a#3");
        submit(gate, "a#4");
        now += 2_000_000_000L;
        run("a#3").complete(NodeAnswer.TIMEOUT.respond("too slow"));
        assertEquals(0, share.load("a").limit(), "a failed run of two seconds, then six seconds' pause");
        assertFalse(started.contains("a#4"));
        now += 5_000_000_000L;
        assertEquals(0, share.load("a").limit());
        now += 1_000_000_000L;
        assertEquals(1, timers.size());
        timers.get(0).run();
        assertTrue(started.contains("a#4"), "the pause over, the next starts");
    }

    /** A request that comes during a pause, or a timer that fires a little early, still starts when it ends. */
    @Test
    void aRequestWaitingOnlyForAPauseStartsWhenItEnds() {
        FairShare share = share(8);
        AppGate gate = share.gate("a", 4, 100);
        for (int i = 0; i < 3; i++) {
            submit(gate, "a#" + i);
        }
        for (int i = 0; i < 3; i++) {
            now += 1_000_000_000L;
            run("a#" + i).complete(NodeAnswer.TIMEOUT.respond("too slow")); // in the box, pausing after each
        }
        timers.clear(); // the pause's own timer is left aside: it may fire before the request comes
        submit(gate, "late");
        assertFalse(started.contains("late"), "the app still pauses");
        assertEquals(1, timers.size(), "a wake-up for the end of the pause");
        now += 1_000_000_000L; // a timer firing before the pause is over...
        timers.remove(0).run();
        assertFalse(started.contains("late"));
        assertEquals(1, timers.size(), "...sets another for the rest");
        now += 8_000_000_000L; // the last run took three seconds: its pause ends nine seconds after it
        timers.remove(0).run();
        assertTrue(started.contains("late"), "the pause over, it starts with nothing else happening");
    }
}
