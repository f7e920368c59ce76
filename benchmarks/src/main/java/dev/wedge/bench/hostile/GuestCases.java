package dev.wedge.bench.hostile;

import java.util.List;
import java.util.Set;

/**
 * Hostile guests on both engines, each asked a few times: the node must give each its defined answer and keep
 * serving a neighbour in between.
 */
final class GuestCases {

    /** A route of a hostile app (its host name in the suite's config) and the answers it may get. */
    record Case(String app, String path, Set<Integer> answers) {}

    static final List<String> ENGINES = List.of("chicory", "wasmtime");

    /** The cases of one engine; the suite's config names the apps {@code NAME-ENGINE}. */
    static List<Case> of(String engine) {
        return List.of(
                new Case("probe-" + engine, "/loop", Set.of(532)),
                new Case("probe-" + engine, "/membomb", Set.of(531)),
                new Case("probe-" + engine, "/trap", Set.of(533)),
                new Case("probe-" + engine, "/header-bomb", Set.of(533)),
                new Case("probe-" + engine, "/bigout", Set.of(533)),
                new Case("probe-" + engine, "/stdout-flood", Set.of(200)),
                new Case("grow-" + engine, "/", Set.of(531)),
                new Case("table-" + engine, "/", Set.of(200)),
                new Case("deep-" + engine, "/", Set.of(533)),
                // 100,000 log calls: served, or stopped at the deadline on a busy machine
                new Case("spam-" + engine, "/", Set.of(200, 532)));
    }

    private GuestCases() {}

    static void run(NodeUnderTest node, Report report, int rounds) throws Exception {
        for (String engine : ENGINES) {
            for (Case hostile : of(engine)) {
                for (int round = 0; round < rounds; round++) {
                    int status = node.get(hostile.app() + ".test", hostile.path()).statusCode();
                    report.record("guests/" + engine, Integer.toString(status), hostile.answers().contains(status),
                            hostile.app() + hostile.path());
                    int neighbour = node.get("neighbour.test", "/").statusCode();
                    report.record("guests/neighbour", Integer.toString(neighbour), neighbour == 200,
                            "neighbour after " + hostile.app() + hostile.path());
                }
            }
        }
    }
}
