package dev.wedge.host.http;

import java.nio.charset.StandardCharsets;

/**
 * What the node sends back for one request.
 *
 * @param error the {@code X-Wedge-Error} reason when the host answered instead of the app, else null
 * @param streamed the body, when it is still arriving (then {@code body} is empty); else null
 */
public record AppResponse(int status, Headers headers, byte[] body, String error, StreamedBody streamed) {

    public AppResponse(int status, Headers headers, byte[] body, String error) {
        this(status, headers, body, error, null);
    }

    public static final String ERROR_HEADER = "x-wedge-error";

    /** A host-generated error: short text body and the reason header. */
    public static AppResponse error(int status, String reason, String message) {
        var headers = Headers.of("content-type", "text/plain; charset=utf-8", ERROR_HEADER, reason);
        return new AppResponse(status, headers, (message + "\n").getBytes(StandardCharsets.UTF_8), reason);
    }
}
