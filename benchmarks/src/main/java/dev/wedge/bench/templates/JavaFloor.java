package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;

/** A template's work done natively in Java, from the same request to the same response body: the floor. */
public interface JavaFloor {

    /** The response body; a request the template would refuse throws, as the benchmark would measure the wrong thing. */
    byte[] handle(AppRequest request);
}
