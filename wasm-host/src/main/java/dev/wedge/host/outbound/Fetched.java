package dev.wedge.host.outbound;

import dev.wedge.host.http.Headers;

/** A response to an outbound call, buffered whole: what the {@code http_response_*} imports read. */
record Fetched(int status, Headers headers, byte[] body) {}
