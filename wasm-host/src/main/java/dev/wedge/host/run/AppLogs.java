package dev.wedge.host.run;

import dev.wedge.host.http.GuestLog;
import dev.wedge.host.http.HttpExchange;
import dev.wedge.host.proxywasm.CdnExchange;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.host.secrets.SecretsCapability;
import dev.wedge.host.wasi.BoundedOutput;
import dev.wedge.host.wasi.WasiProcess;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Hands a finished run's log calls, stdout (http apps) and stderr to the app log, line by line, each tagged with
 * the app, its module version and the request id, with the app's secret values hidden (an app that prints its
 * token by mistake does not publish it to whoever reads the logs).
 */
final class AppLogs {

    private static final int VERSION_DIGITS = 12;

    private final AppLog log;
    private final String app;
    private final String version;
    private final String requestId;
    private final Secrets secrets;

    AppLogs(AppLog log, App app, String requestId) {
        this.log = log;
        this.app = app.name();
        this.version = app.sha256().substring(0, VERSION_DIGITS);
        this.requestId = requestId;
        this.secrets = app.config().settings().get(SecretsCapability.SETTINGS);
    }

    void emit(String stream, int level, String text) {
        log.entry(new AppLog.Entry(Instant.now(), app, version, requestId, stream, level, secrets.hide(text)));
    }

    /** @param exchange and @param process the run's states, each null when it never used them */
    void flush(HttpExchange exchange, WasiProcess process) {
        if (exchange != null) {
            lines(exchange.log());
        }
        if (process == null) {
            return;
        }
        if (exchange != null && exchange.response() != null) { // a WAGI app's stdout is its response
            lines("stdout", process.stdout());
        }
        lines("stderr", process.stderr());
    }

    /** A CDN app's run: its {@code proxy_log} lines, its diagnostics, then its stdout and stderr. */
    void flushCdn(CdnExchange exchange, WasiProcess process) {
        lines(exchange.log());
        if (exchange.userDiag() != null) {
            emit("diag", AppLog.INFO, exchange.userDiag());
        }
        if (exchange.logField() != null) {
            emit("log-field", AppLog.INFO, exchange.logField());
        }
        lines("stdout", process.stdout());
        lines("stderr", process.stderr());
    }

    private void lines(GuestLog guestLog) {
        for (GuestLog.Line line : guestLog.lines()) {
            emit("log", line.level(), line.text());
        }
        if (guestLog.truncated()) {
            emit("log", AppLog.WARN, "[truncated: the request logged more than its limit]");
        }
    }

    private void lines(String stream, BoundedOutput output) {
        if (output.size() == 0 && !output.overflowed()) {
            return;
        }
        String text = new String(output.toByteArray(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                emit(stream, AppLog.INFO, line);
            }
        }
        if (output.overflowed()) {
            emit(stream, AppLog.WARN, "[truncated: more than " + output.size() + " bytes]");
        }
    }
}
