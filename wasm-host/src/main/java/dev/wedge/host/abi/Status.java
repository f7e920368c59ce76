package dev.wedge.host.abi;

/** The i32 status every {@code wedge.*} import returns. Values are specified in docs/abi.md and never change. */
public enum Status {
    OK(0),
    NOT_FOUND(1),
    BAD_ARGUMENT(2),
    INVALID_MEMORY(3),
    BUFFER_TOO_SMALL(4),
    LIMIT_EXCEEDED(5),
    UNSUPPORTED(6),
    ACCESS_DENIED(7),
    TIMEOUT(8),
    UNAVAILABLE(9),
    INTERNAL(10),
    NO_SUCH_STORE(11),
    VALUE_TOO_LARGE(12),
    CONFLICT(13),
    DESTINATION_NOT_ALLOWED(14),
    INVALID_URL(15),
    REQUEST_ERROR(16),
    TOO_MANY_REQUESTS(17),
    RESPONSE_TOO_LARGE(18);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
