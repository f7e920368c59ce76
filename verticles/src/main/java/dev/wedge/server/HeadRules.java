package dev.wedge.server;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;

/**
 * What HTTP/1.1 (RFC 9112) forbids in a request head that the decoder lets through. Each is answered 400 and the
 * connection closed: after a head whose framing is in doubt, nothing more on the connection can be trusted.
 */
public final class HeadRules {

    private HeadRules() {}

    /** Why the head is refused, or null when it is fine. */
    public static String violation(HttpServerRequest request) {
        List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
        if (hosts.size() > 1) {
            return "more than one Host header (RFC 9112, section 3.2)";
        }
        if (hosts.isEmpty() && request.version() == HttpVersion.HTTP_1_1) {
            return "an HTTP/1.1 request needs a Host header (RFC 9112, section 3.2)";
        }
        if (!hosts.isEmpty() && !hosts.get(0).isEmpty() && request.authority() == null) {
            return "the Host header is not a host and port";
        }
        // The node reads chunked bodies only; a proxy in front that reads another coding, or the Content-Length
        // beside it, would see the request end elsewhere than the node: request smuggling. (Chunked beside a
        // Content-Length the decoder refuses itself, in its RFC 9112 mode, before the head gets here.)
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (!codings.isEmpty() && (codings.size() > 1 || !"chunked".equalsIgnoreCase(codings.get(0).trim()))) {
            return "Transfer-Encoding other than chunked: " + String.join(", ", codings);
        }
        return null;
    }
}
