package dev.wedge.host.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.Guests;
import dev.wedge.host.WasmHost;
import dev.wedge.host.run.App;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A large module runs interpreted, turns hot, is compiled in the background, and answers the same after. */
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
}
