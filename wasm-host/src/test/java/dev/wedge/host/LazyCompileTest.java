package dev.wedge.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.run.App;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apps do not hold compiled code: validated modules compile on their first request, and the host keeps a bounded
 * number of compiled modules between requests, compiling an evicted one again when its app is next called.
 */
class LazyCompileTest {

    static Stream<String> engines() {
        return WasmHost.ENGINES.stream();
    }

    private static WasmHost host(String engine, int kept) {
        return new WasmHost(WasmHost.engine(engine), HostServices.of((app, stream, level, text) -> { }), kept);
    }

    /** The probe guest, made a distinct module by a custom section named after the file. */
    private static Path file(Path dir, String name) throws IOException {
        byte[] probe = Guests.bytes("probe");
        byte[] section = {0, (byte) (name.length() + 1), (byte) name.length()};
        byte[] module = new byte[probe.length + section.length + name.length()];
        System.arraycopy(probe, 0, module, 0, probe.length);
        System.arraycopy(section, 0, module, probe.length, section.length);
        System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, module, probe.length + section.length,
                name.length());
        return Files.write(dir.resolve(name + ".wasm"), module);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aValidatedModuleCompilesOnItsFirstRequest(String engine, @TempDir Path dir) throws Exception {
        try (WasmHost host = host(engine, 4)) {
            Path probe = file(dir, "probe");
            App app = host.load(() -> Files.readAllBytes(probe), Guests.config("probe"), true);
            assertEquals(0, host.compiledModules(), "loading compiled nothing");
            Guests.ok(Guests.get(host, app, "/info"));
            assertEquals(1, host.compiledModules(), "the request compiled it, and it stays for the next");
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void manyAppsShareABoundedNumberOfCompiledModules(String engine, @TempDir Path dir) throws Exception {
        try (WasmHost host = host(engine, 1)) {
            Path probe = file(dir, "probe");
            Path other = file(dir, "other");
            App first = host.load(() -> Files.readAllBytes(probe), Guests.config("probe"), true);
            App second = host.load(() -> Files.readAllBytes(other), Guests.config("other"), true);
            for (int round = 0; round < 3; round++) { // each call evicts the other app's module
                Guests.ok(Guests.get(host, first, "/info"));
                assertEquals(1, host.compiledModules());
                Guests.ok(Guests.get(host, second, "/info"));
                assertEquals(1, host.compiledModules());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aModuleThatCannotBeCompiledAgainAnswers530AndOthersKeepRunning(String engine, @TempDir Path dir)
            throws Exception {
        try (WasmHost host = host(engine, 1)) {
            Path probe = file(dir, "probe");
            Path other = file(dir, "other");
            App vanishing = host.load(() -> Files.readAllBytes(probe), Guests.config("probe"), true);
            App neighbour = host.load(() -> Files.readAllBytes(other), Guests.config("other"), true);
            Guests.ok(Guests.get(host, vanishing, "/info"));
            Guests.ok(Guests.get(host, neighbour, "/info")); // evicts the first app's module
            Files.delete(probe);
            Guests.assertFailure(Guests.get(host, vanishing, "/info"), 530, NodeAnswer.LOAD_FAILED.reason());
            Guests.ok(Guests.get(host, neighbour, "/info"));
        }
    }
}
