package dev.wedge.host.run;

/** Where an app's log lines go once its request ends (node log, terminal, later the per-app ring buffer). */
@FunctionalInterface
public interface AppLog {

    /** @param stream {@code log}, {@code stdout} or {@code stderr} */
    void line(String app, String stream, int level, String text);

    int INFO = 2;
    int WARN = 3;
}
