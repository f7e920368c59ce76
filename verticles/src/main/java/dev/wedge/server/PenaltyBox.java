package dev.wedge.server;

import dev.wedge.config.FairnessConfig;

/**
 * Whether an app that keeps hitting its limits (timeouts, out of memory, traps) is in the penalty box, where the
 * {@link FairShare} runs it one guest at a time, with pauses after failed runs, so that its failures cost the
 * node little. The rules:
 *
 * <ul>
 *   <li>In: when at least {@code penalty-failures} of its runs in the last {@code penalty-window} hit a limit,
 *       and those are at least half of its runs there (a busy app with the odd timeout stays out).
 *   <li>A stay lasts {@code penalty-backoff}. When it ends while the app still failed within the window, it is
 *       renewed at twice the length, up to {@code penalty-max-backoff}; an app back in the box within one stay's
 *       length of leaving it also gets twice its last stay.
 *   <li>Out: when a stay ends and the window holds no failure, or at once after {@code penalty-failures} runs in a
 *       row succeed (a fixed version was deployed, say). The window starts afresh.
 * </ul>
 *
 * Time is the caller's ({@link System#nanoTime()} scale), so tests need no sleeping. Not thread-safe: the
 * {@link FairShare} uses it under its lock.
 */
final class PenaltyBox {

    /** What the admin API shows of it. */
    record State(boolean penalized, long remainingMillis, long backoffMillis, int penalties, int recentFailures,
            int recentRuns) {}

    private final int failures;
    private final long windowNanos;
    private final long backoffNanos;
    private final long maxBackoffNanos;
    private final OutcomeWindow window;
    private boolean penalized;
    private long until;
    private long stay; // the length of the current or last stay; 0 before the first
    private long liftedAt;
    private int successesInARow;
    private int penalties;

    PenaltyBox(FairnessConfig config) {
        this.failures = config.penaltyFailures();
        this.windowNanos = config.penaltyWindow().toNanos();
        this.backoffNanos = config.penaltyBackoff().toNanos();
        this.maxBackoffNanos = config.penaltyMaxBackoff().toNanos();
        this.window = new OutcomeWindow(windowNanos);
    }

    /** Counts a finished run; true when it put the app in the box. */
    boolean record(long now, boolean limitHit) {
        window.record(now, limitHit);
        if (!limitHit) {
            successesInARow++;
            if (penalized && successesInARow >= failures) {
                lift(now);
            }
            return false;
        }
        successesInARow = 0;
        if (penalized(now)) {
            return false;
        }
        int failed = window.failures(now);
        if (failed < failures || 2 * failed < window.runs(now)) {
            return false;
        }
        boolean soonAgain = stay > 0 && now - liftedAt < stay;
        enter(now, soonAgain ? Math.min(2 * stay, maxBackoffNanos) : backoffNanos);
        penalties++;
        return true;
    }

    /** Whether the app is in the box now; a stay that ended is renewed or lifted here, as the rules say. */
    boolean penalized(long now) {
        if (penalized && now - until >= 0) {
            if (window.failures(now) > 0) {
                enter(now, Math.min(2 * stay, maxBackoffNanos));
            } else {
                lift(now);
            }
        }
        return penalized;
    }

    State state(long now) {
        boolean in = penalized(now);
        return new State(in, in ? Math.max(0, (until - now) / 1_000_000) : 0, stay / 1_000_000, penalties,
                window.failures(now), window.runs(now));
    }

    private void enter(long now, long length) {
        penalized = true;
        stay = length;
        until = now + length;
    }

    private void lift(long now) {
        penalized = false;
        liftedAt = now;
        successesInARow = 0;
        window.clear();
    }
}
