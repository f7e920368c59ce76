package dev.wedge.host.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request's HTTP side as the {@code wedge.*} request, response, configuration and log imports see it: the
 * request (null for a queue message), the response being built (null where the app answers on stdout), the
 * log lines kept so far within the request's allowance, and the app's diagnostic text.
 */
public final class HttpExchange implements HttpGuestContext {

    /** One {@code log} call. */
    public record LogLine(int level, String text) {}

    private final AppRequest request;
    private final ResponseBuilder response;
    private final Map<String, String> env;
    private final long maxLogBytes;
    private final List<LogLine> logLines = new ArrayList<>();
    private long logBytes;
    private boolean logTruncated;
    private String userDiag;

    public HttpExchange(AppRequest request, ResponseBuilder response, Map<String, String> env,
            long maxLogBytes) {
        this.request = request;
        this.response = response;
        this.env = env;
        this.maxLogBytes = maxLogBytes;
    }

    @Override
    public AppRequest request() {
        return request;
    }

    @Override
    public ResponseBuilder response() {
        return response;
    }

    @Override
    public Map<String, String> env() {
        return env;
    }

    @Override
    public void userDiag(String text) {
        userDiag = text;
    }

    /** The diagnostic text the app set last, or null. */
    public String userDiag() {
        return userDiag;
    }

    @Override
    public long logRoom() {
        return Math.max(0, maxLogBytes - logBytes);
    }

    /** Each line costs its bytes plus one, so a flood of empty lines is capped too. */
    @Override
    public void log(int level, String message) {
        if (logRoom() > 0) {
            logBytes += message.getBytes(StandardCharsets.UTF_8).length + 1L;
            logLines.add(new LogLine(level, message));
        } else {
            logTruncated = true;
        }
    }

    public List<LogLine> logLines() {
        return logLines;
    }

    public boolean logTruncated() {
        return logTruncated;
    }
}
