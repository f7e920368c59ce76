package dev.wedge.observe;

import dev.wedge.host.run.AppLog;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bounds how fast each app's lines reach the node's console and log file: a token bucket of bytes per app, so an
 * app that logs on every recursion level or in a loop cannot flood the disk or drown its neighbours' lines. What
 * does not fit is dropped and counted; the next line that fits is preceded by one line saying how many were.
 * Requests' own caps (64 KiB per stream) bound one request; this bounds an app across its requests.
 */
public final class RateLimitedAppLog implements AppLog {

    public static final long DEFAULT_BYTES_PER_SECOND = 256 * 1024;
    public static final long DEFAULT_BURST_BYTES = 1024 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final AppLog next;
    private final long bytesPerSecond;
    private final long burstBytes;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** One app's allowance: the bytes it may still log now, and what it lost meanwhile. */
    private static final class Bucket {
        double available;
        long refilledAt;
        long dropped;

        Bucket(double available, long now) {
            this.available = available;
            this.refilledAt = now;
        }
    }

    public RateLimitedAppLog(AppLog next) {
        this(next, DEFAULT_BYTES_PER_SECOND, DEFAULT_BURST_BYTES, System::nanoTime);
    }

    /** @param nanoTime the clock, so tests can move it instead of waiting */
    public RateLimitedAppLog(AppLog next, long bytesPerSecond, long burstBytes, LongSupplier nanoTime) {
        this.next = next;
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = burstBytes;
        this.nanoTime = nanoTime;
    }

    @Override
    public void line(String app, String stream, int level, String text) {
        entry(new Entry(Instant.now(), app, "", "", stream, level, text));
    }

    @Override
    public void entry(Entry entry) {
        long dropped = admit(entry.app(), entry.text().length() + 1L);
        if (dropped < 0) {
            return;
        }
        if (dropped > 0) {
            next.entry(new Entry(entry.time(), entry.app(), entry.version(), entry.requestId(), "host", WARN,
                    "[" + dropped + " lines dropped: the app logged more than " + bytesPerSecond
                    + " bytes/s]"));
        }
        next.entry(entry);
    }

    /** Takes {@code bytes} from the app's bucket: -1 when they do not fit, else the lines dropped before. */
    private long admit(String app, long bytes) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(app, key -> new Bucket(burstBytes, now));
        synchronized (bucket) {
            double refill = (double) (now - bucket.refilledAt) * bytesPerSecond / NANOS_PER_SECOND;
            bucket.available = Math.min(burstBytes, bucket.available + Math.max(0, refill));
            bucket.refilledAt = now;
            if (bucket.available < bytes) {
                bucket.dropped++;
                return -1;
            }
            bucket.available -= bytes;
            long dropped = bucket.dropped;
            bucket.dropped = 0;
            return dropped;
        }
    }
}
