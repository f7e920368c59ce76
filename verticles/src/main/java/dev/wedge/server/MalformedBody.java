package dev.wedge.server;

/** The decoder could not read the request body (a bad chunk size, an endless chunk extension, huge trailers). */
public final class MalformedBody extends RefusedBody {

    MalformedBody(Throwable cause) {
        super(DecodeFailures.ofBody(cause), DecodeFailures.message(cause));
    }
}
