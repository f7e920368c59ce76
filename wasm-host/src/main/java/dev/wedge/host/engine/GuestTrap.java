package dev.wedge.host.engine;

/** The guest stopped abnormally. The kind says why, as far as the engine can tell. */
public final class GuestTrap extends Exception {

    public enum Kind {
        /** A Wasm trap (unreachable, out-of-bounds access, stack overflow, ...) or a host function failure. */
        TRAP,
        /** The deadline passed and the engine interrupted the guest. */
        TIMEOUT,
        /** Instantiation failed before any guest code ran to completion. */
        INSTANTIATION
    }

    private final Kind kind;

    public GuestTrap(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
