package dev.wedge.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.run.AppLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each app's lines pass at a bounded rate; the drop is reported once room comes back; apps do not share. */
class RateLimitedAppLogTest {

    private final List<String> passed = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final AppLog sink = (app, stream, level, text) -> passed.add(app + " " + text);
    // 100 bytes per second, 300 at once; a line of 9 characters costs 10
    private final RateLimitedAppLog log = new RateLimitedAppLog(sink, 100, 300, clock::get);

    @Test
    void aFloodIsCutAndTheCutIsReported() {
        for (int i = 0; i < 1_000; i++) {
            log.line("noisy", "log", AppLog.INFO, "123456789");
        }
        assertEquals(30, passed.size(), "the burst, then nothing");
        log.line("quiet", "log", AppLog.INFO, "123456789");
        assertEquals("quiet 123456789", passed.get(30), "another app has its own allowance");

        clock.addAndGet(1_000_000_000L); // one second: room for ten more lines
        log.line("noisy", "log", AppLog.INFO, "123456789");
        assertTrue(passed.get(31).startsWith("noisy [970 lines dropped"), passed.get(31));
        assertEquals("noisy 123456789", passed.get(32));
    }
}
