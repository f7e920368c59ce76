package dev.wedge.kv;

/** Why a store operation failed, in terms an app can act on. */
public final class KvException extends RuntimeException {

    public enum Kind {
        /** The backend did not answer within the store's timeout. */
        TIMEOUT,
        /** The backend cannot be reached (down, refused, closed). */
        UNAVAILABLE,
        /** The operation does not fit the stored value: not an integer, a sorted set used as a plain key. */
        WRONG_VALUE,
        /** The value is larger than the store accepts. */
        VALUE_TOO_LARGE
    }

    private final Kind kind;

    public KvException(Kind kind, String message) {
        this(kind, message, null);
    }

    public KvException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
