package dev.wedge.host.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The response an {@code http} app builds through its imports, with the app's size limits applied. */
public final class ResponseBuilder {

    public static final int MAX_HEADERS = 100;
    /**
     * All header names and values together, as proxies cap them (Envoy's default is 60 KiB): a larger head is
     * no response a client should get, and writing it would be guest-sized work on an event loop.
     */
    public static final long MAX_HEADER_BYTES = 64 * 1024;

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

    /**
     * Sets ({@code replace}) or adds a header. False when the response already has {@link #MAX_HEADERS}; a header
     * that would take the head past {@link #MAX_HEADER_BYTES} spoils the response.
     */
    public boolean header(String name, String value, boolean replace) {
        if (replace) {
            headers.remove(name);
        }
        if (headers.size() >= MAX_HEADERS) {
            return false;
        }
        if (headBytes() + bytes(name, value) > MAX_HEADER_BYTES) {
            overflowed = true;
            return false;
        }
        headers.add(name, value);
        return true;
    }

    /** Spoils the response: the guest tried to give it more than it may carry. */
    public void overflow() {
        overflowed = true;
    }

    private long headBytes() {
        return headers.entries().stream().mapToLong(header -> bytes(header.getKey(), header.getValue())).sum();
    }

    private static long bytes(String name, String value) {
        return name.length() + (long) value.getBytes(StandardCharsets.UTF_8).length;
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
