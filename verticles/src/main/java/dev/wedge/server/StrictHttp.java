package dev.wedge.server;

import io.vertx.core.http.HttpServerOptions;

/** The HTTP server options of both the app port and the admin port: the limits of what the node reads. */
public final class StrictHttp {

    /** The request line: longer is answered 414. */
    public static final int MAX_REQUEST_LINE = 4096;
    /** All header lines of a head, and all trailer lines of a chunked body: more is answered 431. */
    public static final int MAX_HEADER_BYTES = 8192;

    private StrictHttp() {}

    public static HttpServerOptions options() {
        return new HttpServerOptions()
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setHttp2ClearTextEnabled(false);
    }
}
