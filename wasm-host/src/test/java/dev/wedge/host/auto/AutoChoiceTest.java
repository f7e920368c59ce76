package dev.wedge.host.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.module.ModuleCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The rule and the moves of {@code engine: auto}, driven by injected observations (counts and medians, no clock),
 * with the priors chicory 5 us, speed 1, and wasmtime 120 us, speed 10, a hysteresis of 2, a window of 4 runs after 2
 * ignored ones.
 */
class AutoChoiceTest {

    private static final long US = 1_000;
    private static final long MS = 1_000_000;
    private static final AutoRule RULE = new AutoRule(List.of(new EngineCandidate("chicory", 5 * US, 1),
            new EngineCandidate("wasmtime", 120 * US, 10)), 4, 2, 2);

    private final ModuleCache cache = new ModuleCache();
    private final Map<String, AtomicInteger> compiles = new ConcurrentHashMap<>();
    private final List<String> notices = new ArrayList<>();
    private final List<Runnable> background = new ArrayList<>();

    /** Observes {@code runs} runs on {@code engine}, each with these times. */
    private static void observe(AutoChoice choice, String engine, int runs, long instantiate, long run) {
        for (int i = 0; i < runs; i++) {
            choice.observe(engine, instantiate, run);
        }
    }

    private EngineBinding binding(String engine, boolean compiles) {
        return new EngineBinding(engine, new ModuleCache.Key("sha", engine, 0, false), () -> {
            this.compiles.computeIfAbsent(engine, e -> new AtomicInteger()).incrementAndGet();
            if (!compiles) {
                throw new ModuleLoadException("the " + engine + " engine cannot compile the module: test", null);
            }
            return new NoModule();
        });
    }

    private AutoChoice choice(boolean wasmtimeCompiles) {
        return new AutoChoice(List.of(binding("chicory", true), binding("wasmtime", wasmtimeCompiles)), RULE, cache,
                background::add, notices::add);
    }

    /** Runs the background compiles asked for so far, as the host's compile thread would. */
    private void runBackground() {
        var tasks = List.copyOf(background);
        background.clear();
        tasks.forEach(Runnable::run);
    }

    private int compilesOn(String engine) {
        return compiles.getOrDefault(engine, new AtomicInteger()).get();
    }

    @Test
    void helloStaysOnTheCheapInstanceEngine() {
        AutoChoice choice = choice(true);
        observe(choice, "chicory", 2 + 4 * 50, 5 * US, 5 * US);
        assertEquals("chicory", choice.current().engine());
        assertTrue(background.isEmpty(), "no compile on another engine was asked for");
        assertEquals(0, compilesOn("wasmtime"));
        assertEquals(List.of(), notices);
    }

    @Test
    void computeHeavyAppMovesAfterAWindowOfCountedRuns() {
        AutoChoice choice = choice(true);
        observe(choice, "chicory", 2 + 3, 5 * US, 50 * MS);
        assertTrue(background.isEmpty(), "warm-up runs and an incomplete window decide nothing");
        observe(choice, "chicory", 1, 5 * US, 50 * MS);
        assertEquals(1, background.size(), "the fourth counted run completes a window: compile on wasmtime");
        assertEquals("chicory", choice.current().engine(), "requests stay on chicory while wasmtime compiles");
        observe(choice, "chicory", 10, 5 * US, 50 * MS); // arriving during the compile: no second one
        assertEquals(1, background.size());

        runBackground();
        assertEquals("wasmtime", choice.current().engine());
        assertEquals(1, compilesOn("wasmtime"));
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).startsWith("engine auto: moved from chicory to wasmtime (median instantiate 5 us "
                + "and run 50000 us over 4 runs on chicory; predicted 50005 us per request there, 5120 us on "
                + "wasmtime)"), notices.get(0));
    }

    @Test
    void theMoveIsReversedWhenRunsBecomeShort() {
        AutoChoice choice = choice(true);
        observe(choice, "chicory", 6, 5 * US, 50 * MS);
        runBackground();
        observe(choice, "wasmtime", 2 + 4 * 5, 120 * US, 5 * MS); // still heavy: stays
        assertEquals("wasmtime", choice.current().engine());
        assertTrue(background.isEmpty());

        observe(choice, "wasmtime", 4, 120 * US, 2 * US); // now a hello: 20 us of chicory work
        runBackground();
        assertEquals("chicory", choice.current().engine());
        assertTrue(notices.get(1).startsWith("engine auto: moved from wasmtime to chicory"), notices.get(1));
    }

    @Test
    void anAppNearTheBreakEvenDoesNotFlip() {
        // 400 us of work: 405 us per request on chicory against 160 on wasmtime, more than twice: it moves...
        AutoChoice choice = choice(true);
        observe(choice, "chicory", 6, 5 * US, 400 * US);
        runBackground();
        assertEquals("wasmtime", choice.current().engine());
        // ...and there the same work (40 us) predicts 160 us against 405 on chicory: it stays, window after window.
        observe(choice, "wasmtime", 2 + 4 * 20, 120 * US, 40 * US);
        assertTrue(background.isEmpty());
        // 200 us of work on chicory (205 against 140: less than twice) never moves at all.
        AutoChoice near = choice(true);
        observe(near, "chicory", 2 + 4 * 20, 5 * US, 200 * US);
        assertTrue(background.isEmpty());
        assertEquals("chicory", near.current().engine());
    }

    @Test
    void anAppThatGainsNothingOnTheComputeEngineGoesBackAndStays() {
        // Assumed 10x faster on wasmtime, 1 ms of work moves (220 us predicted there)...
        AutoChoice choice = choice(true);
        observe(choice, "chicory", 6, 5 * US, 1 * MS);
        runBackground();
        // ...where it runs 3 ms (host calls cost more there, say): its speed there is 1/3 now, so back it goes...
        observe(choice, "wasmtime", 6, 120 * US, 3 * MS);
        runBackground();
        assertEquals("chicory", choice.current().engine());
        assertTrue(notices.get(1).startsWith("engine auto: moved from wasmtime to chicory (median instantiate "
                + "120 us and run 3000 us over 4 runs on wasmtime; predicted 3120 us per request there, 1005 us on "
                + "chicory)"), notices.get(1));
        // ...and stays, with the same runs as before.
        observe(choice, "chicory", 2 + 4 * 20, 5 * US, 1 * MS);
        assertTrue(background.isEmpty());
    }

    @Test
    void runsOfTheEngineLeftBehindAreNotCounted() {
        AutoChoice choice = choice(true);
        observe(choice, "chicory", 6, 5 * US, 50 * MS);
        runBackground();
        observe(choice, "chicory", 40, 5 * US, 1 * US); // requests that leased chicory before the move
        assertTrue(background.isEmpty());
        assertEquals("wasmtime", choice.current().engine());
    }

    @Test
    void anEngineThatCannotCompileTheModuleIsNotTriedAgain() {
        AutoChoice choice = choice(false);
        observe(choice, "chicory", 6, 5 * US, 50 * MS);
        runBackground();
        assertEquals("chicory", choice.current().engine());
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).startsWith("engine auto: stays on chicory ("), notices.get(0));
        assertTrue(notices.get(0).endsWith("since wasmtime cannot compile the module: the wasmtime engine cannot "
                + "compile the module: test"), notices.get(0));
        observe(choice, "chicory", 4 * 10, 5 * US, 50 * MS);
        assertTrue(background.isEmpty());
        assertEquals(1, compilesOn("wasmtime"));
    }

    @Test
    void whatTheAppsInstancesCostOnTheComputeEngineCounts() {
        // 400 us of work moves to wasmtime on its prior (160 us per request against 405)...
        AutoChoice choice = choice(true);
        observe(choice, "chicory", 6, 5 * US, 400 * US);
        runBackground();
        // ...but this module's instances cost 2 ms there (a large memory): back to chicory, and it stays there.
        observe(choice, "wasmtime", 6, 2 * MS, 40 * US);
        runBackground();
        assertEquals("chicory", choice.current().engine());
        observe(choice, "chicory", 2 + 4 * 20, 5 * US, 400 * US);
        assertTrue(background.isEmpty(), "no flip-flop: wasmtime's cost for this app is known now");
    }

    @Test
    void aSlowChicoryInstanceOfAColdJvmDoesNotMoveAHello() {
        AutoChoice choice = choice(true);
        observe(choice, "chicory", 2 + 4 * 20, 300 * US, 20 * US);
        assertTrue(background.isEmpty());
        assertEquals("chicory", choice.current().engine());
    }

    /** A compiled module the tests never instantiate. */
    private static final class NoModule implements CompiledModule {
        @Override
        public ModuleInfo info() {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.wedge.host.engine.WasmInstance instantiate(dev.wedge.host.engine.ImportResolver imports,
                dev.wedge.host.engine.RunDeadline deadline, dev.wedge.host.engine.Cancellation cancellation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
