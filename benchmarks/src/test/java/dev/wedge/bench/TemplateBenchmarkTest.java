package dev.wedge.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wedge.host.WasmHost;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Every case of TemplateBenchmark on every engine does the work of its Java floor: the benchmark's own setup
 * compares the module's answer with the floor's (the body; for a CDN case also the request the origin got and
 * the response's status and headers) and throws, showing both, when they differ.
 */
class TemplateBenchmarkTest {

    static Stream<Arguments> cases() throws NoSuchFieldException {
        String[] templates = TemplateBenchmark.class.getDeclaredField("template").getAnnotation(Param.class).value();
        return WasmHost.ENGINES.stream().flatMap(engine -> Arrays.stream(templates)
                .map(template -> Arguments.of(engine, template)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void moduleDoesWhatItsFloorDoes(String engine, String template) {
        var benchmark = new TemplateBenchmark();
        benchmark.engine = engine;
        benchmark.template = template;
        try {
            benchmark.setUp();
            assertNotNull(benchmark.request());
        } finally {
            benchmark.tearDown();
        }
    }
}
