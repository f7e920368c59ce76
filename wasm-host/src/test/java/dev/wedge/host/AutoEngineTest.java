package dev.wedge.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.auto.AutoRule;
import dev.wedge.host.capability.RunListener;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.host.run.App;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code engine: auto} with the real engines and the node's priors: the busy_loop guest computes (request body size
 * x 100,000) rounds, so one module is a hello or a compute-heavy app. The decisions come after counted runs (a window
 * of 8 after a warm-up); the compile for the next engine runs on the deciding thread, so the move is done when the
 * run that decided it returns. The margins are wide (an app moves only once its median run on Chicory passes about
 * 0.3 ms: the hello runs microseconds, the heavy one, a million rounds, milliseconds), and the rule itself is tested
 * on injected times (AutoChoiceTest).
 */
class AutoEngineTest {

    private static final int WARMUP = 100;
    private static final int WINDOW = 8;
    private static final int HEAVY = 10;

    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<RunListener.Run> runs = new CopyOnWriteArrayList<>();
    private final WasmHost host = new WasmHost(new AutoRule(WasmHost.AUTO_CANDIDATES, WINDOW, WARMUP,
            AutoRule.HYSTERESIS), HostServices.of((app, stream, level, text) -> notices.add(stream + ": " + text))
                    .withListener(runs::add), 8, Runnable::run);

    @AfterEach
    void close() {
        host.close();
    }

    private static void call(App app, int rounds, int times) {
        for (int i = 0; i < times; i++) {
            Guests.ok(app.handle(AppRequest.of("POST", "/", Headers.of("host", "test.local"), new byte[rounds])));
        }
    }

    @Test
    void aComputeHeavyGuestEndsOnWasmtime() {
        App app = Guests.load(host, "busy_loop", Guests.config("heavy"));
        assertEquals("chicory", app.engine(), "an auto app starts on the cheap-instance engine");
        call(app, HEAVY, WARMUP + WINDOW);
        assertEquals("wasmtime", app.engine());
        assertTrue(notices.stream().anyMatch(line -> line.startsWith("host: engine auto: moved from chicory to "
                + "wasmtime (")), notices::toString);

        call(app, HEAVY, 2);
        assertEquals(List.of("wasmtime", "wasmtime"), runs.subList(runs.size() - 2, runs.size()).stream()
                .map(RunListener.Run::engine).toList(), "the runs after the move are on wasmtime");
        assertEquals(2, host.compiledModules(), "the module is compiled on both engines");
    }

    @Test
    void helloStaysOnChicory() {
        App app = Guests.load(host, "busy_loop", Guests.config("hello"));
        call(app, 0, WARMUP + WINDOW * 8);
        assertEquals("chicory", app.engine(), notices::toString);
        assertEquals(1, host.compiledModules(), "nothing was compiled on wasmtime");
        assertTrue(notices.isEmpty(), notices::toString);
        assertTrue(runs.stream().allMatch(run -> run.engine().equals("chicory")));
    }
}
