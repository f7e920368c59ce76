package dev.wedge.host.http;

/**
 * Every answer the node gives instead of an app: a status (FastEdge's 530-533 where the app failed) and the
 * reason sent in {@code X-Wedge-Error}. The one list of them; docs/architecture.md has the table.
 */
public enum NodeAnswer {
    /** The module could not be loaded or instantiated. */
    LOAD_FAILED(530, "load-failed"),
    OUT_OF_MEMORY(531, "out-of-memory"),
    TIMEOUT(532, "timeout"),
    TRAP(533, "trap"),
    HANDLER_FAILED(533, "handler-failed"),
    RESPONSE_TOO_LARGE(533, "response-too-large"),
    BAD_CGI_RESPONSE(533, "bad-cgi-response"),
    /** A CDN app's filter grew the request body past the app's limit. */
    REQUEST_TOO_LARGE(533, "request-too-large"),
    /** A CDN app's origin could not be reached, failed, or answered more than the app's limit. */
    ORIGIN_FAILED(502, "origin-failed"),
    /** A CDN app's origin did not answer in time. */
    ORIGIN_TIMEOUT(504, "origin-timeout"),
    /** No app is routed at the request's host and path. */
    NO_ROUTE(404, "no-route"),
    /** The app has no HTTP handler (it only handles queue messages). */
    NO_HTTP_HANDLER(404, "no-http-handler"),
    /** The request broke HTTP/1.1's rules (RFC 9112): malformed framing, a missing or doubled Host, and such. */
    BAD_REQUEST(400, "bad-request"),
    /** The client did not send a whole request head in time. */
    HEADER_TIMEOUT(408, "header-timeout"),
    /** The client stopped sending its body. */
    BODY_STALLED(408, "body-stalled"),
    BODY_TOO_LARGE(413, "body-too-large"),
    /** The request line is longer than the node reads. */
    URI_TOO_LONG(414, "uri-too-long"),
    /** The request's headers, or a chunked body's trailers, are larger than the node reads. */
    HEADERS_TOO_LARGE(431, "headers-too-large"),
    /** The node itself failed; logged with its stack trace. */
    HOST_ERROR(500, "host-error"),
    APP_DISABLED(503, "app-disabled"),
    /** A site names an app that is not deployed (deleted after the site was put) or is not a CDN app. */
    SITE_UNAVAILABLE(503, "site-unavailable"),
    /** The app has as many requests running and waiting as it may; comes with Retry-After. */
    APP_BUSY(503, "app-busy"),
    /** The node is shutting down; comes with Retry-After. */
    NODE_STOPPING(503, "node-stopping"),
    /**
     * The client went away (closed or reset its connection) before the answer, so its run was stopped: nothing
     * is sent; the status (nginx's 499) is for metrics and logs.
     */
    CLIENT_GONE(499, "client-gone");

    private final int status;
    private final String reason;

    NodeAnswer(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /**
     * True for the answers that say a guest hit one of its limits or crashed (timeout, out of memory, trap, a
     * response too large): what the node's penalty box counts. A handler's own reported failure is not one.
     */
    public boolean limitHit() {
        return this == TIMEOUT || this == OUT_OF_MEMORY || this == TRAP || this == RESPONSE_TOO_LARGE
                || this == REQUEST_TOO_LARGE;
    }

    /** The answer of this reason ({@code X-Wedge-Error}, {@link AppResponse#error()}), or null. */
    public static NodeAnswer ofReason(String reason) {
        for (NodeAnswer answer : values()) {
            if (answer.reason.equals(reason)) {
                return answer;
            }
        }
        return null;
    }

    public AppResponse respond(String message) {
        return AppResponse.error(status, reason, message);
    }
}
