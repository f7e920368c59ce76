package dev.wedge.host.proxywasm;

import java.time.Duration;

/**
 * A {@code proxy_http_call} as the guest asked for it: its token, where it goes and what it sends.
 *
 * @param context the context that asked, to which the answer is delivered
 */
public record Callout(int token, int context, Upstream.Request request) {

    /** What {@code proxy_on_http_call_response} delivers: a response, or null when the call failed. */
    public record Answer(HeaderMap headers, byte[] body, HeaderMap trailers) {

        public static final Answer FAILED = new Answer(null, new byte[0], new HeaderMap());

        public boolean failed() {
            return headers == null;
        }
    }

    public Duration timeout() {
        return request.timeout();
    }
}
