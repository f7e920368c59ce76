package dev.wedge.host.cache;

/** A cache operation the backend refused or could not do; the kind decides the guest's status. */
public final class CacheException extends RuntimeException {

    public enum Kind {
        /** {@code incr} of a value that is not a decimal integer, or a sum past the range of i64. */
        NOT_AN_INTEGER,
        /** A new key past the app's {@code cache.max-entries}. */
        FULL,
        /** The backend cannot be reached (or the node has none). */
        UNAVAILABLE
    }

    private final Kind kind;

    public CacheException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
