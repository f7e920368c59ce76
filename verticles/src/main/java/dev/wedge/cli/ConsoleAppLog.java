package dev.wedge.cli;

import dev.wedge.host.run.AppLog;
import java.io.PrintStream;

/** App log lines on the terminal, one per line: {@code [app stream] text}. */
final class ConsoleAppLog implements AppLog {

    private final PrintStream out;

    ConsoleAppLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void line(String app, String stream, int level, String text) {
        String tag = stream.equals("log") ? AppLog.levelName(level) : stream;
        out.println("[" + app + " " + tag + "] " + text);
    }
}
