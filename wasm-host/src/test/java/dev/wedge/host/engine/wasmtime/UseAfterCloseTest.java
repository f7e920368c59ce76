package dev.wedge.host.engine.wasmtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wedge.host.HandlerModules;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.GuestMemory;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.WasmInstance;
import dev.wedge.host.module.ModuleInspector;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Using a Wasmtime handle after it was disposed reads freed native memory and crashes the JVM. Through wedge's
 * engine interface that cannot happen: a closed instance, a view of its memory, a closed module and a closed
 * engine refuse to be used, and an instance refuses other threads (its store is lent to its run alone).
 */
class UseAfterCloseTest {

    private static final byte[] WASM = HandlerModules.withLocals(0);
    private static final ImportResolver NO_IMPORTS = wanted -> {
        throw new IllegalArgumentException("no imports");
    };

    private static RunDeadline deadline() {
        return RunDeadline.fixed(System.nanoTime() + Duration.ofMinutes(5).toNanos());
    }

    private static WasmInstance instantiate(CompiledModule module) throws Exception {
        return module.instantiate(NO_IMPORTS, deadline(), Cancellation.NEVER);
    }

    @Test
    void aClosedInstanceAndItsMemoryRefuseUse() throws Exception {
        ModuleInfo info = ModuleInspector.inspect(WASM);
        try (var engine = new WasmtimeEngine(); CompiledModule module = engine.compile(WASM, info)) {
            WasmInstance instance = instantiate(module);
            GuestMemory memory = instance.memory();
            assertArrayEquals(new long[] {0}, instance.call("wedge_on_request"));
            assertEquals(65536, memory.size());
            instance.close();
            assertThrows(IllegalStateException.class, () -> instance.call("wedge_on_request"));
            assertThrows(IllegalStateException.class, instance::memory);
            assertThrows(IllegalStateException.class, memory::size);
            assertThrows(IllegalStateException.class, () -> memory.readI32(0));
            assertThrows(IllegalStateException.class, () -> memory.writeI32(0, 1));
            instance.close(); // twice is harmless
            try (WasmInstance next = instantiate(module)) { // the store the closed one gave back
                assertEquals(0, next.memory().readI32(0), "a fresh memory");
            }
        }
    }

    @Test
    void anInstanceRefusesOtherThreads() throws Exception {
        ModuleInfo info = ModuleInspector.inspect(WASM);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (var engine = new WasmtimeEngine(); CompiledModule module = engine.compile(WASM, info);
                WasmInstance instance = instantiate(module)) {
            assertEquals(IllegalStateException.class, other.submit(() -> {
                try {
                    instance.call("wedge_on_request");
                    return null;
                } catch (IllegalStateException e) {
                    return e.getClass();
                }
            }).get());
            assertEquals(IllegalStateException.class, other.submit(() -> {
                try {
                    instance.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e.getClass();
                }
            }).get());
            assertArrayEquals(new long[] {0}, instance.call("wedge_on_request"), "still its own thread's");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aModuleClosedUnderARunWaitsForItThenRefusesNewOnes() throws Exception {
        ModuleInfo info = ModuleInspector.inspect(WASM);
        try (var engine = new WasmtimeEngine()) {
            CompiledModule module = engine.compile(WASM, info);
            WasmInstance running = instantiate(module);
            try (WasmInstance ended = instantiate(module)) { // a second store, kept when this run ends
                ended.call("wedge_on_request");
            }
            assertEquals(2, engine.liveStores(), "one idle, one lent to the run");
            module.close();
            assertEquals(1, engine.liveStores(), "the idle store went at once");
            assertArrayEquals(new long[] {0}, running.call("wedge_on_request"), "the run goes on");
            running.close();
            assertEquals(0, engine.liveStores(), "its store went when it ended");
            assertThrows(IllegalStateException.class, () -> instantiate(module));
            module.close(); // twice is harmless
        }
    }

    @Test
    void aClosedEngineCompilesNothing() {
        var engine = new WasmtimeEngine();
        engine.close();
        assertThrows(IllegalStateException.class, () -> engine.compile(WASM, ModuleInspector.inspect(WASM)));
        engine.close();
    }
}
