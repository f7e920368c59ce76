package dev.wedge.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import dev.wedge.host.engine.chicory.ChicoryEngine;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Compiling an app's module for a run (no compiled module is kept idle here, so every run compiles) is the node's
 * time, not the app's: a compile longer than the app's whole computing deadline still lets it answer.
 */
class CompileCreditTest {

    /** Chicory, compiling three seconds longer than it takes: the stand-in for a large module on a busy node. */
    private static final class SlowCompiles implements WasmEngine {
        private final ChicoryEngine chicory = new ChicoryEngine();

        @Override
        public String name() {
            return chicory.name();
        }

        @Override
        public CompiledModule compile(byte[] wasm, ModuleInfo info, boolean validated) throws ModuleLoadException {
            LockSupport.parkNanos(Duration.ofSeconds(3).toNanos()); // the slowness under test, not a synchronization
            return chicory.compile(wasm, info, validated);
        }

        @Override
        public void validate(byte[] wasm, ModuleInfo info) throws ModuleLoadException {
            chicory.validate(wasm, info);
        }

        @Override
        public void close() {
            chicory.close();
        }
    }

    @Test
    void aCompileForTheRunDoesNotCountAgainstTheAppsDeadline() {
        try (WasmHost host = new WasmHost(new SlowCompiles(), HostServices.of((app, stream, level, text) -> { }), 0)) {
            var limits = Guests.TEST_LIMITS.withTimeout(Duration.ofSeconds(2)).withWallTimeout(Duration.ofSeconds(60));
            var app = Guests.load(host, "probe", new AppConfig("probe", null, Map.of(), limits));
            for (int run = 0; run < 2; run++) {
                assertEquals("count=1\n", Guests.ok(Guests.get(host, app, "/counter")), "run " + run);
            }
        }
    }
}
