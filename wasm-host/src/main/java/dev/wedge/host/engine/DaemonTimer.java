package dev.wedge.host.engine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The single timer thread an engine uses to enforce deadlines; it never keeps the JVM alive. */
public final class DaemonTimer {

    private DaemonTimer() {}

    public static ScheduledExecutorService create(String threadName) {
        var executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            var thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // Deadlines are long (60 s by default) and almost always cancelled: do not keep cancelled tasks queued.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
