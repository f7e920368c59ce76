package dev.wedge.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.limits.Limits;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Modules that cannot run are refused at load time with a reason a person can act on. */
class ModuleLoadTest extends EngineTest {

    private String refusal(String engine, byte[] wasm, AppConfig config) {
        var e = assertThrows(ModuleLoadException.class, () -> host(engine).load(wasm, config));
        return e.getMessage();
    }

    private String refusal(String engine, byte[] wasm) {
        return refusal(engine, wasm, Guests.config("bad"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void garbageEmptyAndTruncatedBytesAreNotWasm(String engine) {
        assertTrue(refusal(engine, "hello".getBytes()).contains("not a valid WebAssembly module"));
        assertTrue(refusal(engine, new byte[0]).contains("not a valid WebAssembly module"));
        byte[] probe = Guests.bytes("probe");
        assertTrue(refusal(engine, Arrays.copyOf(probe, probe.length / 2)).contains("not a valid WebAssembly"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void moduleWithoutHandlerIsRefused(String engine) {
        assertTrue(refusal(engine, Guests.bytes("no_handler")).contains("no handler"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unknownAbiVersionIsRefused(String engine) {
        assertTrue(refusal(engine, Guests.bytes("abi_v9")).contains("unsupported ABI version 9"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unknownImportIsNamed(String engine) {
        assertTrue(refusal(engine, Guests.bytes("unknown_import")).contains("unknown import wedge.no_such_function"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void memoryMustBeExportedAndEntryPointsWellTyped(String engine) {
        assertTrue(refusal(engine, Guests.bytes("hidden_memory")).contains("must export its memory"));
        assertTrue(refusal(engine, Guests.bytes("bad_entry")).contains("export wedge_on_request has type"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void initialMemoryAboveTheCapIsRefused(String engine) {
        var tiny = new AppConfig("tiny", null, Map.of(), Limits.DEFAULT.withMemoryBytes(64 * 1024));
        assertTrue(refusal(engine, Guests.bytes("big_memory"), tiny).contains("more than its limit"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void forcedKindMustFindItsEntryPoint(String engine) throws ModuleLoadException {
        var asWagi = new AppConfig("probe", AppKind.WAGI, Map.of(), Limits.DEFAULT);
        assertTrue(refusal(engine, Guests.bytes("probe"), asWagi).contains("must export _start"));
        assertEquals(AppKind.WAGI, host(engine).load(Guests.bytes("wagi_probe"), Guests.config("w")).kind());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void sameModuleIsCompiledOnce(String engine) throws ModuleLoadException {
        var first = host(engine).load(Guests.bytes("probe"), Guests.config("a"));
        var second = host(engine).load(Guests.bytes("probe"), Guests.config("b"));
        assertTrue(first.compiled() == second.compiled(), "compiled module should be shared");
        assertEquals(64, first.sha256().length());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void dataPastTheInitialMemoryIsRefused(String engine) {
        assertTrue(refusal(engine, Guests.bytes("data_past_memory"))
                .contains("data segment 0 (bytes 65530..65540) lies past the module's initial memory of 65536 bytes"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void engineLimitsAreNamedNotJavaExceptions(String engine) throws ModuleLoadException {
        assertTrue(refusal(engine, HandlerModules.withLocals(100_000)).contains("more than 50,000 locals"));
        byte[] deep = HandlerModules.withStackDepth(60_000);
        if (engine.equals("chicory")) {
            String refusal = refusal(engine, deep);
            assertTrue(refusal.contains("passes one of the engine's limits"), refusal);
            assertTrue(!refusal.contains("Exception"), refusal);
        } else {
            assertEquals(200, Guests.get(host(engine), host(engine).load(deep, Guests.config("deep")), "/").status());
        }
    }
}
