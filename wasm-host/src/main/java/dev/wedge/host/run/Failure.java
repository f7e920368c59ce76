package dev.wedge.host.run;

import dev.wedge.host.http.AppResponse;

/** The ways a request can fail inside the node, with FastEdge's status codes (docs/abi.md, "Errors"). */
public enum Failure {
    LOAD_FAILED(530, "load-failed"),
    OUT_OF_MEMORY(531, "out-of-memory"),
    TIMEOUT(532, "timeout"),
    TRAP(533, "trap"),
    HANDLER_FAILED(533, "handler-failed"),
    RESPONSE_TOO_LARGE(533, "response-too-large"),
    BAD_CGI_RESPONSE(533, "bad-cgi-response"),
    /** The app has no HTTP handler (it only handles queue messages). */
    NO_HTTP_HANDLER(404, "no-http-handler"),
    /** The node itself failed; logged with its stack trace. */
    HOST_ERROR(500, "host-error");

    private final int status;
    private final String reason;

    Failure(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public AppResponse respond(String message) {
        return AppResponse.error(status, reason, message);
    }
}
