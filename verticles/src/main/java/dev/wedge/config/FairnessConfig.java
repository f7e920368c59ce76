package dev.wedge.config;

import java.time.Duration;

/**
 * How a node shares its workers between apps, and when it puts an app in the penalty box (docs/config.md,
 * {@code fairness:}).
 *
 * @param appShare guests one app may run at once while another app has work running or waiting
 * @param penaltyFailures runs hitting a limit (531, 532, 533) within the window that put an app in the box
 * @param penaltyWindow the sliding window those runs are counted in
 * @param penaltyBackoff the first stay in the box; renewed at twice the length while the app keeps failing
 * @param penaltyMaxBackoff the longest stay
 */
public record FairnessConfig(int appShare, int penaltyFailures, Duration penaltyWindow, Duration penaltyBackoff,
        Duration penaltyMaxBackoff) {

    public static final int DEFAULT_PENALTY_FAILURES = 5;
    public static final Duration DEFAULT_PENALTY_WINDOW = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PENALTY_BACKOFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PENALTY_MAX_BACKOFF = Duration.ofMinutes(5);

    /**
     * All cores but one: an app alone may still use the node whole (up to its max-concurrent), but while another
     * app has work, one core is always left for it. One on a single core, where only taking turns helps.
     */
    public static int defaultAppShare() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    public static FairnessConfig defaults() {
        return new FairnessConfig(defaultAppShare(), DEFAULT_PENALTY_FAILURES, DEFAULT_PENALTY_WINDOW,
                DEFAULT_PENALTY_BACKOFF, DEFAULT_PENALTY_MAX_BACKOFF);
    }
}
