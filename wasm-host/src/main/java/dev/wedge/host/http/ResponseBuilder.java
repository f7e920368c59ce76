package dev.wedge.host.http;

import java.io.ByteArrayOutputStream;

/** The response an {@code http} app builds through its imports, with the app's size limits applied. */
public final class ResponseBuilder {

    public static final int MAX_HEADERS = 100;

    private final long maxBodyBytes;
    private final Headers headers = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private boolean overflowed;

    public ResponseBuilder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void status(int status) {
        this.status = status;
    }

    public Headers headers() {
        return headers;
    }

    /** Whether {@code length} more body bytes fit; if not, the response is spoiled. */
    public boolean reserve(long length) {
        if (overflowed || body.size() + length > maxBodyBytes) {
            overflowed = true;
            return false;
        }
        return true;
    }

    /** Appends bytes already {@linkplain #reserve reserved}. */
    public void write(byte[] bytes) {
        body.writeBytes(bytes);
    }

    public boolean overflowed() {
        return overflowed;
    }

    public AppResponse build() {
        return new AppResponse(status, headers, body.toByteArray(), null);
    }
}
