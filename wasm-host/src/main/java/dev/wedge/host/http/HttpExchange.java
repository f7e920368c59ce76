package dev.wedge.host.http;

import java.util.Map;

/**
 * One request's HTTP side as the {@code wedge.*} request, response, configuration and log imports see it: the
 * request (null for a queue message), the response being built (null where the app answers on stdout), the
 * log lines kept so far within the request's allowance, and the app's diagnostic text.
 */
public final class HttpExchange implements HttpGuestContext {

    private final AppRequest request;
    private final ResponseBuilder response;
    private final Map<String, String> env;
    private final GuestLog log;
    private String userDiag;

    public HttpExchange(AppRequest request, ResponseBuilder response, Map<String, String> env,
            long maxLogBytes) {
        this.request = request;
        this.response = response;
        this.env = env;
        this.log = new GuestLog(maxLogBytes);
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
        return log.room();
    }

    @Override
    public void log(int level, String message) {
        log.add(level, message);
    }

    /** What the app logged in this request. */
    public GuestLog log() {
        return log;
    }
}
