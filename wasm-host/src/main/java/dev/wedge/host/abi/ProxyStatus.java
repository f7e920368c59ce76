package dev.wedge.host.abi;

/** The proxy-wasm ABI's result codes (spec v0.2.1, "WasmResult"); they are not the wedge ABI's. */
public final class ProxyStatus {

    public static final int OK = 0;
    public static final int NOT_FOUND = 1;
    public static final int BAD_ARGUMENT = 2;
    public static final int SERIALIZATION_FAILURE = 3;
    public static final int PARSE_FAILURE = 4;
    public static final int INVALID_MEMORY_ACCESS = 6;
    public static final int EMPTY = 7;
    public static final int CAS_MISMATCH = 8;
    public static final int INTERNAL_FAILURE = 10;
    public static final int UNIMPLEMENTED = 12;

    /** How a memory fault and a host failure answer in this family. */
    public static final ErrorCodes ERRORS = new ErrorCodes(INVALID_MEMORY_ACCESS, INTERNAL_FAILURE);

    private ProxyStatus() {}

    /** Ends the host call with {@code code}. */
    public static AbiException fail(int code, String message) {
        return new AbiException(code, message);
    }
}
