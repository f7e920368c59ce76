package dev.wedge.host.http;

import java.util.Map;

/** What the HTTP and configuration imports need from the request they serve. */
public interface HttpGuestContext {

    /** The HTTP request, or null when the app is handling a queue message. */
    AppRequest request();

    /** The response under construction, or null for app kinds whose response is not built by imports. */
    ResponseBuilder response();

    Map<String, String> env();

    /** Keeps the request's diagnostic text for its log line and metrics; the last one set wins. */
    void userDiag(String text);

    /** How many more bytes of log lines this request may record. */
    long logRoom();

    /** Records one line of the app's log; level 0 trace .. 4 error. Past the room it is dropped. */
    void log(int level, String message);
}
