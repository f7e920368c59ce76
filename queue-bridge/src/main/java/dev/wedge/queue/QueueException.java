package dev.wedge.queue;

/** Why a queue operation failed, in terms an app can act on. */
public final class QueueException extends RuntimeException {

    public enum Kind {
        /** The backend did not confirm within the queue's timeout; the message may or may not be stored. */
        TIMEOUT,
        /** The backend cannot be reached. */
        UNAVAILABLE,
        /** The message is larger than the queue accepts. */
        TOO_LARGE
    }

    private final Kind kind;

    public QueueException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
