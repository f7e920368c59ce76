package dev.wedge.bench;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wedge.bench.templates.CannedOrigin;
import dev.wedge.bench.templates.CdnCase;
import dev.wedge.bench.templates.CdnOutcome;
import dev.wedge.host.WasmHost;
import dev.wedge.host.http.AppRequest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each CDN case of TemplateBenchmark does real work on every engine: the module sends on and answers what its
 * Java floor does (what TemplateBenchmark's setup requires), and that differs from passing the request and the
 * canned response through untouched, so neither side measures a filter that does nothing.
 */
class CdnCaseTest {

    static Stream<Arguments> cases() {
        return WasmHost.ENGINES.stream().flatMap(engine -> Stream.of(CdnCase.values())
                .map(cdn -> Arguments.of(engine, cdn)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void moduleDoesWhatItsFloorDoes(String engine, CdnCase cdn) {
        CdnRun.requireSame(cdn, engine); // throws with both outcomes side by side
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void theFloorChangesTheExchange(CdnCase cdn) {
        try (CdnRun java = new CdnRun("java", cdn)) {
            AppRequest request = cdn.request();
            CannedOrigin origin = cdn.origin();
            String target = request.query().isEmpty() ? request.path() : request.path() + "?" + request.query();
            CdnOutcome untouched = new CdnOutcome(new CannedOrigin.Seen(request.method(), target,
                    request.headers()), origin.status(), origin.headers(), origin.body());
            assertNotEquals(untouched.describe(), java.outcome().describe(), cdn + " passes everything through");
        }
    }

    static Stream<CdnCase> filters() {
        return Stream.of(CdnCase.values());
    }
}
