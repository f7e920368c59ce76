package dev.wedge.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.host.http.AppResponse;
import dev.wedge.host.run.App;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request starts from the module's memory as its data segments wrote it, whatever the requests before it
 * wrote, filled, copied or grew (Chicory shares one image of that memory between instances, copy-on-write).
 */
class MemoryIsolationTest extends EngineTest {

    @ParameterizedTest
    @MethodSource("engines")
    void aWriteInOneRequestIsNeverSeenByTheNext(String engine) {
        App app = Guests.load(host(engine), "memory_isolation", Guests.config("memory_isolation"));
        for (int i = 0; i < 4; i++) {
            AppResponse response = Guests.get(host(engine), app, "/");
            assertEquals(200, response.status(), "request " + i + ": " + Guests.text(response));
        }
    }
}
