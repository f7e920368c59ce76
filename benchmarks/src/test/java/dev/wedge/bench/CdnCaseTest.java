package dev.wedge.bench;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wedge.bench.templates.CannedOrigin;
import dev.wedge.bench.templates.CdnCase;
import dev.wedge.bench.templates.CdnOutcome;
import dev.wedge.host.http.AppRequest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each CDN case of TemplateBenchmark does real work: what its floor sends on and answers (which the module must
 * match, TemplateBenchmarkTest) differs from passing the request and the canned response through untouched.
 */
class CdnCaseTest {

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
