package dev.wedge.server;

import dev.wedge.host.http.NodeAnswer;

/**
 * A request body the node will not take: too large, stalled or malformed. Each is answered with its
 * {@link #answer()} and the connection then closed, since the rest of the body is not going to be read.
 */
public abstract sealed class RefusedBody extends RuntimeException permits BodyTooLarge, BodyStalled, MalformedBody {

    private final NodeAnswer answer;

    RefusedBody(NodeAnswer answer, String message) {
        super(message, null, false, false);
        this.answer = answer;
    }

    public NodeAnswer answer() {
        return answer;
    }
}
