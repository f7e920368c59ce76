package dev.wedge.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wedge.host.app.AppKind;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.chicory.ChicoryEngine;
import dev.wedge.host.run.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 1 MB module (the deploy benchmark's): served from its first request, through Chicory's switch from the
 * interpreter to compiled code, and validated like any other. Built from benchmarks/src/main/guests/bulky.c.
 */
class LargeModuleTest extends EngineTest {

    private static final Path BULKY = Path.of("..", "benchmarks", "src", "main", "resources", "guests", "bulky.wasm");

    private static byte[] bulky() throws IOException {
        byte[] wasm = Files.readAllBytes(BULKY);
        assertEquals(true, wasm.length > ChicoryEngine.EAGER_COMPILE_BYTES, "large enough to be tiered");
        return wasm;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyRequestIsAnsweredBeforeAndAfterTheModuleIsCompiled(String engine) throws Exception {
        WasmHost host = host(engine);
        App app = host.load(bulky(), Guests.config("bulky"));
        String first = Guests.ok(Guests.get(host, app, "/"));
        assertEquals(true, first.startsWith("bulky"), first);
        for (int i = 0; i < 200; i++) { // past the instances that make a tiered module hot
            String answer = Guests.ok(Guests.get(host, app, "/"));
            assertEquals(first, answer, "request " + i + ": the same answer, interpreted or compiled");
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void checkingAModuleValidatesItAndKeepsItCompiledForTheDeploy(String engine) throws Exception {
        WasmHost host = host(engine);
        assertEquals(AppKind.HTTP, host.check(bulky(), Guests.config("bulky")));
        int compiled = host.compiledModules();
        App app = host.load(LargeModuleTest::bulky, Guests.config("bulky"), true);
        assertEquals(compiled, host.compiledModules(), "the deploy's load reused what the check compiled");
        Guests.ok(Guests.get(host, app, "/"));

        byte[] truncated = Arrays.copyOf(bulky(), bulky().length / 2);
        assertThrows(ModuleLoadException.class, () -> host.check(truncated, Guests.config("bulky")));
    }
}
