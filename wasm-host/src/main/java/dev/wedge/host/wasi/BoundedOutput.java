package dev.wedge.host.wasi;

import java.io.ByteArrayOutputStream;

/**
 * A guest output stream with a byte limit. A strict stream refuses the write that would pass the limit (the
 * guest sees EFBIG); a lenient one, used for logs, keeps what fits and drops the rest.
 */
public final class BoundedOutput {

    private final long limit;
    private final boolean strict;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean overflowed;

    private BoundedOutput(long limit, boolean strict) {
        this.limit = limit;
        this.strict = strict;
    }

    public static BoundedOutput strict(long limit) {
        return new BoundedOutput(limit, true);
    }

    public static BoundedOutput lenient(long limit) {
        return new BoundedOutput(limit, false);
    }

    /** How many more bytes fit. */
    long remaining() {
        return Math.max(0, limit - bytes.size());
    }

    boolean strict() {
        return strict;
    }

    void write(byte[] data) {
        bytes.writeBytes(data);
    }

    void markOverflow() {
        overflowed = true;
    }

    public boolean overflowed() {
        return overflowed;
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    public int size() {
        return bytes.size();
    }
}
