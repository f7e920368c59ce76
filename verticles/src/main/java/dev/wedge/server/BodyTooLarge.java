package dev.wedge.server;

import dev.wedge.host.http.NodeAnswer;

/** The request body passed the limit of what it is for (the routed app's, or the module cap). */
public final class BodyTooLarge extends RefusedBody {

    BodyTooLarge(long limit) {
        super(NodeAnswer.BODY_TOO_LARGE, "request body larger than " + limit + " bytes");
    }
}
