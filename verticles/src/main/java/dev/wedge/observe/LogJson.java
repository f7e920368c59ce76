package dev.wedge.observe;

import dev.wedge.host.run.AppLog;
import io.vertx.core.json.JsonObject;

/** The one JSON form of an app log entry, used by the admin API and by log shipping. */
public final class LogJson {

    private LogJson() {}

    /** One JSON object and a newline (JSON lines). */
    public static String line(AppLog.Entry entry) {
        return new JsonObject().put("time", entry.time().toString()).put("app", entry.app())
                .put("version", entry.version()).put("request", entry.requestId()).put("stream", entry.stream())
                .put("level", entry.level()).put("text", entry.text()).encode() + "\n";
    }
}
