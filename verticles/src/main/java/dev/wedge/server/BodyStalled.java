package dev.wedge.server;

/** The client stopped sending its request body. */
final class BodyStalled extends RuntimeException {

    BodyStalled(long millis) {
        super("no request body bytes for " + millis + " ms", null, false, false);
    }
}
