package dev.wedge.server;

/** The request body passed the routed app's limit. */
final class BodyTooLarge extends RuntimeException {

    BodyTooLarge(long limit) {
        super("request body larger than " + limit + " bytes", null, false, false);
    }
}
