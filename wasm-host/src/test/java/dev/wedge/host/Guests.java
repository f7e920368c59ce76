package dev.wedge.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.run.App;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Test guests built by scripts/build-guests.sh, and small helpers to call them. */
public final class Guests {

    /**
     * Small size limits so hostile guests hit them fast; a deadline no test reaches on a busy machine, since the
     * tests using it are about something else.
     */
    public static final Limits TEST_LIMITS = Limits.DEFAULT
            .withMemoryBytes(16 * Limits.MIB)
            .withTimeout(Duration.ofSeconds(30))
            .withMaxResponseBodyBytes(4 * Limits.MIB);

    /** A short deadline, only for guests that never finish, so that reaching it is certain on any machine. */
    public static final Limits DEADLINE_LIMITS = TEST_LIMITS.withTimeout(Duration.ofMillis(500));

    private Guests() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Guests.class.getResourceAsStream("/guests/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("no test guest " + name + "; run scripts/build-guests.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static App load(WasmHost host, String name, AppConfig config) {
        try {
            return host.load(bytes(name), config);
        } catch (ModuleLoadException e) {
            throw new AssertionError("test guest " + name + " failed to load", e);
        }
    }

    public static AppConfig config(String name) {
        return new AppConfig(name, null, Map.of(), TEST_LIMITS);
    }

    public static AppResponse get(WasmHost host, App app, String target) {
        return app.handle(AppRequest.of("GET", target, Headers.of("host", "test.local"), new byte[0]));
    }

    public static String text(AppResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The body of a response that must be a 200; a failure shows the status and the body instead. */
    public static String ok(AppResponse response) {
        assertEquals(200, response.status(), () -> "status " + response.status() + ": " + text(response));
        return text(response);
    }

    /** A node answer: its status, and its reason both in the header and in the response. */
    public static void assertFailure(AppResponse response, int status, String reason) {
        assertEquals(status, response.status(), () -> text(response));
        assertEquals(reason, response.headers().get("x-wedge-error"));
        assertEquals(reason, response.error());
    }
}
