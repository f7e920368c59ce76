package dev.wedge.host.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.host.run.App;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A large module runs interpreted, turns hot (by its number of instances, or by its time in the interpreter), is
 * compiled in the background, and answers the same after.
 */
class TieredMachinesTest {

    private static final Path BULKY = Path.of("..", "benchmarks", "src", "main", "resources", "guests", "bulky.wasm");

    @Test
    void aHotModuleSwitchesToCompiledCodeAndAnswersTheSame() throws Exception {
        try (WasmHost host = WasmHost.create(ChicoryEngine.NAME, (app, stream, level, text) -> { })) {
            App app = host.load(Files.readAllBytes(BULKY), Guests.config("bulky"));
            var machines = (TieredMachines) ((ChicoryModule) app.compiled()).machines();
            String interpreted = Guests.ok(Guests.get(host, app, "/"));
            assertTrue(interpreted.startsWith("bulky"), interpreted);
            for (int i = 1; i < TieredMachines.HOT_INSTANCES; i++) {
                Guests.ok(Guests.get(host, app, "/"));
            }
            assertTrue(machines.compiled().get(60, TimeUnit.SECONDS), "the background compile succeeded");
            assertEquals(interpreted, Guests.ok(Guests.get(host, app, "/")));
        }
    }

    @Test
    void aModuleThatComputesLongInTheInterpreterTurnsHotBeforeItsFiftiethInstance() throws Exception {
        // every module tiered, however small: busy_loop computes (body size x 100,000 rounds) interpreted
        var engine = new ChicoryEngine(ChicoryEngine.MemoryMode.COPY_ON_WRITE, 0);
        try (WasmHost host = new WasmHost(engine, HostServices.of((app, stream, level, text) -> { }))) {
            App app = Guests.load(host, "busy_loop", Guests.config("busy_loop"));
            var machines = (TieredMachines) ((ChicoryModule) app.compiled()).machines();
            var heavy = AppRequest.of("POST", "/", Headers.of("host", "test.local"), new byte[10]);
            int requests = 0;
            while (!machines.compiling() && requests < TieredMachines.HOT_INSTANCES - 10) {
                assertEquals(200, app.handle(heavy).status());
                requests++;
            }
            assertTrue(machines.compiling(), "still waiting for its instances after " + requests + " long requests");
            assertTrue(machines.compiled().get(120, TimeUnit.SECONDS), "the background compile succeeded");
            assertEquals(200, app.handle(heavy).status());
        }
    }
}
