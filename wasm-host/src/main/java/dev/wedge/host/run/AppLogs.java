package dev.wedge.host.run;

import dev.wedge.host.wasi.BoundedOutput;
import java.nio.charset.StandardCharsets;

/** Hands a finished request's log calls, stdout (http apps) and stderr to the app log, line by line. */
final class AppLogs {

    private AppLogs() {}

    static void flush(AppLog log, String app, RequestScope scope) {
        for (RequestScope.LogLine line : scope.logLines()) {
            log.line(app, "log", line.level(), line.text());
        }
        if (scope.logTruncated()) {
            log.line(app, "log", AppLog.WARN, "[truncated: the request logged more than its limit]");
        }
        if (scope.response() != null) {
            lines(log, app, "stdout", scope.stdout());
        }
        lines(log, app, "stderr", scope.stderr());
    }

    private static void lines(AppLog log, String app, String stream, BoundedOutput output) {
        if (output.size() == 0 && !output.overflowed()) {
            return;
        }
        String text = new String(output.toByteArray(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                log.line(app, stream, AppLog.INFO, line);
            }
        }
        if (output.overflowed()) {
            log.line(app, stream, AppLog.WARN, "[truncated: more than " + output.size() + " bytes]");
        }
    }
}
