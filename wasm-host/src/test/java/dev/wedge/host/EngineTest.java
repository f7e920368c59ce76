package dev.wedge.host;

import dev.wedge.host.run.AppLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every test that runs guests: each test method takes the engine name and runs on both engines.
 * Use {@code @ParameterizedTest @MethodSource("engines")}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineTest {

    public record LogLine(String app, String stream, int level, String text) {}

    protected final List<LogLine> logs = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();

    public static Stream<String> engines() {
        return WasmHost.ENGINES.stream();
    }

    protected WasmHost host(String engine) {
        AppLog log = (app, stream, level, text) -> logs.add(new LogLine(app, stream, level, text));
        return hosts.computeIfAbsent(engine, name -> WasmHost.create(name, log));
    }

    @AfterAll
    void closeHosts() {
        hosts.values().forEach(WasmHost::close);
    }
}
