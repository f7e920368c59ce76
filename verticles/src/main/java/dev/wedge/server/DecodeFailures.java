package dev.wedge.server;

import dev.wedge.host.http.NodeAnswer;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * The node's answer to what the HTTP decoder could not read. The decoder reports a broken head through the
 * request's {@code decoderResult()} and a broken body (chunk sizes, chunk extensions, trailers) as an exception
 * on the request's stream; neither is the node failing, so neither is a 500.
 */
public final class DecodeFailures {

    private static final int MAX_MESSAGE = 200;

    private DecodeFailures() {}

    /** For a request head the decoder refused. */
    public static NodeAnswer ofHead(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return NodeAnswer.URI_TOO_LONG; // the only line of a head is the request line
        }
        return cause instanceof TooLongHttpHeaderException ? NodeAnswer.HEADERS_TOO_LARGE : NodeAnswer.BAD_REQUEST;
    }

    /** For a chunked body the decoder could not read: only trailers have a limit of their own. */
    public static NodeAnswer ofBody(Throwable cause) {
        return cause instanceof TooLongHttpHeaderException ? NodeAnswer.HEADERS_TOO_LARGE : NodeAnswer.BAD_REQUEST;
    }

    /** A line of text for the client: the decoder's own message, which names the limit or the bad byte. */
    public static String message(Throwable cause) {
        String message = cause == null ? null : cause.getMessage();
        if (message == null || message.isBlank()) {
            return "the request could not be read as HTTP/1.1";
        }
        message = message.strip();
        // some messages quote what the client sent: a line of it is plenty
        return "the request could not be read as HTTP/1.1: "
                + (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message);
    }
}
