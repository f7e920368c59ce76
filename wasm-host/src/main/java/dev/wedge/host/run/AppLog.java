package dev.wedge.host.run;

import java.time.Instant;

/** Where an app's log lines go once its request ends (node log, terminal, the per-app ring buffer). */
@FunctionalInterface
public interface AppLog {

    /**
     * One line with everything known about it.
     *
     * @param version the first 12 hex digits of the module's sha256
     * @param stream {@code log}, {@code stdout}, {@code stderr} or {@code host} (the node's own remarks)
     */
    record Entry(Instant time, String app, String version, String requestId, String stream, int level,
            String text) {}

    /** @param stream {@code log}, {@code stdout}, {@code stderr} or {@code host} */
    void line(String app, String stream, int level, String text);

    /** Sinks that keep more than the text override this. */
    default void entry(Entry entry) {
        line(entry.app(), entry.stream(), entry.level(), entry.text());
    }

    int INFO = 2;
    int WARN = 3;

    /** TRACE, DEBUG, INFO, WARN or ERROR for the levels 0 to 4 (out-of-range levels are clamped). */
    static String levelName(int level) {
        return switch (Math.max(0, Math.min(level, 4))) {
            case 0 -> "TRACE";
            case 1 -> "DEBUG";
            case 2 -> "INFO";
            case 3 -> "WARN";
            default -> "ERROR";
        };
    }
}
