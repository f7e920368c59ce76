package dev.wedge.server;

import dev.wedge.host.http.NodeAnswer;

/** The client stopped sending its request body. */
public final class BodyStalled extends RefusedBody {

    BodyStalled(long millis) {
        super(NodeAnswer.BODY_STALLED, "no request body bytes for " + millis + " ms");
    }
}
