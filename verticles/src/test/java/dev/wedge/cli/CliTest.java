package dev.wedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code wedge call} and the help texts, run in-process. */
class CliTest {

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine commandLine = WedgeCli.commandLine();
            commandLine.setOut(new PrintWriter(System.out, true));
            commandLine.setErr(new PrintWriter(System.err, true));
            int exit = commandLine.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void callPrintsTheResponseLikeCurl(String engine) {
        Run run = run("call", "--engine", engine, TestNodes.app("hello").toString(), "/");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().matches("HTTP/1\\.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\n"
                + "x-wedge-request-id: [0-9a-f]{16}\r\ncontent-length: 18\r\n\r\nHello from wedge!\n"), run.out());
    }

    @Test
    void geoFlagsSayWhereTheClientAndThePopAre(@TempDir Path dir) throws Exception {
        Run blocked = run("call", "--env", "BLACKLIST=DE", "--geo", "geoip-country-code=DE",
                TestNodes.app("geo-block").toString());
        assertTrue(blocked.out().startsWith("HTTP/1.1 403 "), blocked.out() + blocked.err());
        Run pop = run("call", "--geo", TestNodes.guest("config_probe").toString(), "/client/pop-city");
        assertTrue(pop.out().endsWith("\r\n\r\nluxembourg"), "--geo alone: fastedge-run's PoP; " + pop.out());
        Path table = Files.writeString(dir.resolve("clients.csv"), "127.0.0.1,BR,Brazil,,,SA,,,\n");
        Run overridden = run("call", "--geo-ip", TestNodes.REPO.resolve("deploy/geo/sample.csv").toString(),
                "--geo-overrides", table.toString(), TestNodes.app("geo-block").toString());
        assertTrue(overridden.out().endsWith("welcome (country: BR)\n"), overridden.out() + overridden.err());
        Run sample = run("call", "--geo-ip", TestNodes.REPO.resolve("deploy/geo/sample.csv").toString(),
                TestNodes.app("geo-block").toString());
        assertTrue(sample.out().endsWith("welcome (country: LU)\n"), sample.out() + sample.err());
        Run bad = run("call", "--geo", "town=x", TestNodes.app("geo-block").toString());
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("town is not one of"), bad.err());
    }

    @Test
    void callSendsMethodHeadersBodyAndEnv() {
        Run echo = run("call", "-X", "put", "-H", "X-Trace: 42", "-d", "payload", TestNodes.app("echo").toString(),
                "/items/7?full=1");
        assertTrue(echo.out().contains("\"method\":\"PUT\""), echo.out());
        assertTrue(echo.out().contains("\"path\":\"/items/7\""), echo.out());
        assertTrue(echo.out().contains("\"query\":\"full=1\""), echo.out());
        assertTrue(echo.out().contains("\"x-trace\":\"42\""), echo.out());
        assertTrue(echo.out().contains("\"body\":\"payload\""), echo.out());
        Run env = run("call", "--env", "GREETING=Bonjour", TestNodes.app("env").toString());
        assertTrue(env.out().endsWith("\r\n\r\nBonjour\n"), env.out());
    }

    @Test
    void appFailuresStillExitZeroWithTheirStatus() {
        Run loop = run("call", "--timeout-ms", "200", TestNodes.guest("probe").toString(), "/loop");
        assertEquals(0, loop.exit());
        assertTrue(loop.out().startsWith("HTTP/1.1 532 App Timeout\r\n"), loop.out());
        assertTrue(loop.out().contains("x-wedge-error: timeout"), loop.out());
    }

    @Test
    void unloadableModulesExitNonZeroWithAReason() {
        Run missing = run("call", "no/such.wasm");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file: no/such.wasm"), missing.err());
        Run notWasm = run("call", "../pom.xml");
        assertEquals(1, notWasm.exit());
        assertTrue(notWasm.err().contains("cannot load ../pom.xml: not a valid WebAssembly module"), notWasm.err());
        Run noHandler = run("call", TestNodes.guest("no_handler").toString());
        assertEquals(1, noHandler.exit());
        assertTrue(noHandler.err().contains("no handler"), noHandler.err());
        Run badEngine = run("call", "--engine", "v8", TestNodes.app("hello").toString());
        assertEquals(2, badEngine.exit());
        assertTrue(badEngine.err().contains("unknown engine 'v8'"), badEngine.err());
    }

    @Test
    void kvStoresPersistBetweenCallsAndCanBePreloaded(@TempDir Path dir) throws Exception {
        String store = "default=embedded:" + dir;
        String counter = TestNodes.app("counter").toString();
        assertTrue(run("call", "--kv-store", store, counter).out().endsWith("visits: 1\n"));
        assertTrue(run("call", "--kv-store", store, counter).out().endsWith("visits: 2\n"), "kept on disk");
        Path seed = Files.writeString(dir.resolve("seed.json"), "{\"motd\": \"hi there\"}");
        Run read = run("call", "--kv-store", store, "--kv-data", "default=" + seed, TestNodes.app("kv-api").toString(),
                "/motd");
        assertTrue(read.out().endsWith("\r\n\r\nhi there"), read.out() + read.err());
        Run bad = run("call", "--kv-store", "default=ftp://x", counter);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("expected redis://HOST:PORT[/prefix] or embedded[:DIR]"), bad.err());
    }

    @Test
    void appsPublishToQueuesGivenOnTheCommandLine(@TempDir Path dir) {
        String orders = TestNodes.app("orders").toString();
        String order = "{\"id\":\"o-1\",\"customer\":\"c-9\",\"amount\":42.5}";
        Run published = run("call", "-X", "POST", "-d", order, "--queue", "bus=embedded:" + dir, orders);
        assertTrue(published.out().startsWith("HTTP/1.1 202 Accepted\r\n"), published.out() + published.err());
        assertTrue(published.out().endsWith("{\"accepted\":\"o-1\",\"message\":\"0\"}"), published.out());
        Run noQueue = run("call", "-X", "POST", "-d", order, orders);
        assertTrue(noQueue.out().startsWith("HTTP/1.1 503"), "no queue bound: " + noQueue.out());
        Run bad = run("call", "--queue", "bus=amqp://x", orders);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("expected kafka://HOST:PORT or embedded[:DIR]"), bad.err());
    }

    @Test
    void modulesThatCannotInstantiateExitOne() {
        Run run = run("call", TestNodes.guest("start_trap").toString());
        assertEquals(1, run.exit());
        assertTrue(run.out().startsWith("HTTP/1.1 530 App Load Failed\r\n"), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "call", "serve"})
    void everySubcommandHasHelp(String command) {
        Run help = run(command, "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage: wedge " + command), help.out());
    }

    @Test
    void anyFileNameCanBeRun(@TempDir Path dir) throws Exception {
        Path odd = Files.copy(TestNodes.app("hello").toAbsolutePath(), dir.resolve("_my hello!.wasm"));
        Run run = run("call", odd.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("HTTP/1.1 200 OK\r\n"), run.out());
    }

    @Test
    void anyOtherSettingIsSetWithSet() {
        String probe = TestNodes.guest("dictionary_probe").toString();
        Run read = run("call", "--set", "dictionary={greeting: hi there}", probe, "/greeting");
        assertTrue(read.out().startsWith("HTTP/1.1 200 OK\r\n") && read.out().endsWith("\r\n\r\nhi there"),
                read.out() + read.err());
        for (var refused : Map.of(
                "env={A: 1}", "--set env: it has a flag of its own",
                "module=/elsewhere.wasm", "--set module: the command sets it",
                "no-such-setting=1", "--set no-such-setting").entrySet()) {
            Run bad = run("call", "--set", refused.getKey(), probe);
            assertEquals(2, bad.exit(), bad.err());
            assertTrue(bad.err().contains(refused.getValue()), bad.err());
        }
    }

    @Test
    void requestHeadersFromTheCommandLineReplaceTheClients() {
        Run echo = run("call", "--headers", "X-Pop=lu", "--request-header", "X-Extra=1", "-H", "X-Pop: client",
                TestNodes.app("echo").toString(), "/");
        assertTrue(echo.out().startsWith("HTTP/1.1 200 OK\r\n"), echo.out() + echo.err());
        assertTrue(echo.out().contains("\"x-pop\":\"lu\""), echo.out());
        assertTrue(echo.out().contains("\"x-extra\":\"1\""), echo.out());
        assertTrue(!echo.out().contains("client"), echo.out());

        Run bad = run("call", "--headers", "Bad Name=1", TestNodes.app("echo").toString());
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("not a valid header"), bad.err());
    }
}
