package dev.wedge.config;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.time.Duration;
import java.util.Set;

/** Reads the {@code fairness:} section (docs/config.md). */
final class FairnessSpecs {

    private static final Set<String> KEYS = Set.of("app-share", "penalty-failures", "penalty-window-ms",
            "penalty-backoff-ms", "penalty-max-backoff-ms");

    private FairnessSpecs() {}

    static FairnessConfig read(Section fairness) throws ConfigException {
        fairness.allowOnly(KEYS);
        int share = (int) fairness.number("app-share", FairnessConfig.defaultAppShare(), 1, 4096);
        int failures = (int) fairness.number("penalty-failures", FairnessConfig.DEFAULT_PENALTY_FAILURES, 1,
                1_000_000);
        long windowMs = fairness.number("penalty-window-ms", FairnessConfig.DEFAULT_PENALTY_WINDOW.toMillis(), 10,
                86_400_000);
        long backoffMs = fairness.number("penalty-backoff-ms", FairnessConfig.DEFAULT_PENALTY_BACKOFF.toMillis(), 10,
                86_400_000);
        long maxBackoffMs = fairness.number("penalty-max-backoff-ms",
                Math.max(backoffMs, FairnessConfig.DEFAULT_PENALTY_MAX_BACKOFF.toMillis()), backoffMs, 86_400_000);
        return new FairnessConfig(share, failures, Duration.ofMillis(windowMs), Duration.ofMillis(backoffMs),
                Duration.ofMillis(maxBackoffMs));
    }
}
