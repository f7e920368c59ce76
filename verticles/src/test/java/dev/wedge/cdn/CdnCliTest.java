package dev.wedge.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.cli.WedgeCli;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code wedge call --origin URL CDN_APP.wasm}: the filter in front of a real origin, from the command line. */
class CdnCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"fastedge", "envoy"})
    void callPutsTheFilterInFrontOfTheOrigin(String mode) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (var origin = new CdnOrigin(vertx)) {
            Path wasm = Path.of(CdnCliTest.class.getResource("/guests/cdn_headers.wasm").toURI());
            var out = new ByteArrayOutputStream();
            PrintStream oldOut = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit;
            try {
                CommandLine commandLine = WedgeCli.commandLine();
                commandLine.setOut(new PrintWriter(System.out, true));
                exit = commandLine.execute("call", "--origin", origin.url(), "--proxy-wasm-mode", mode,
                        "-H", "X-Remove-Me: x", wasm.toString(), "/shop?q=1");
            } finally {
                System.setOut(oldOut);
            }
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, printed);
            assertTrue(printed.startsWith("HTTP/1.1 200 OK\r\n"), printed);
            assertTrue(printed.contains("x-filtered: yes\r\n"), printed);
            assertTrue(printed.contains("origin saw GET /shop?q=1 host=localhost"), printed);
            assertTrue(printed.contains("x-filter=on"), printed);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
