package dev.wedge.host.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a guest logged during one run, kept until the run ends, within the app's log budget. Each line costs
 * its bytes plus one, so a flood of empty lines is capped too; past the budget lines are dropped and the log is
 * marked truncated.
 */
public final class GuestLog {

    public record Line(int level, String text) {}

    private final long maxBytes;
    private final List<Line> lines = new ArrayList<>();
    private long bytes;
    private boolean truncated;

    public GuestLog(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Bytes that may still be logged: a host call copies no more than this out of the guest. */
    public long room() {
        return Math.max(0, maxBytes - bytes);
    }

    public void add(int level, String text) {
        if (room() > 0) {
            bytes += text.getBytes(StandardCharsets.UTF_8).length + 1L;
            lines.add(new Line(level, text));
        } else {
            truncated = true;
        }
    }

    public List<Line> lines() {
        return lines;
    }

    public boolean truncated() {
        return truncated;
    }
}
