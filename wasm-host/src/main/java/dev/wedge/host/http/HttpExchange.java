package dev.wedge.host.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request's HTTP side as the {@code wedge.*} request, response, configuration and log imports see it: the
 * request (null for a queue message), the response being built (null where the app answers on stdout), and the
 * log lines kept so far within the request's allowance.
 */
public final class HttpExchange implements HttpGuestContext {

    /** One {@code log} call. */
    public record LogLine(int level, String text) {}

    private final AppRequest request;
    private final ResponseBuilder response;
    private final Map<String, String> env;
    private final Map<String, String> secrets;
    private final long maxLogBytes;
    private final List<LogLine> logLines = new ArrayList<>();
    private long logBytes;
    private boolean logTruncated;

    public HttpExchange(AppRequest request, ResponseBuilder response, Map<String, String> env,
            Map<String, String> secrets, long maxLogBytes) {
        this.request = request;
        this.response = response;
        this.env = env;
        this.secrets = secrets;
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
    public Map<String, String> secrets() {
        return secrets;
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
