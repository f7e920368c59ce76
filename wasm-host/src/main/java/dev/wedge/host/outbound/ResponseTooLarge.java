package dev.wedge.host.outbound;

/** An origin's response body passed the app's {@code max-response-bytes}; the transfer was cut off. */
final class ResponseTooLarge extends RuntimeException {

    ResponseTooLarge(long maxBytes) {
        super("the response body is larger than max-response-bytes (" + maxBytes + ")", null, false, false);
    }
}
