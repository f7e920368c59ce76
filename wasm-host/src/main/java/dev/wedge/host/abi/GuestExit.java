package dev.wedge.host.abi;

/** The guest asked to stop ({@code proc_exit}); unwinds through the engine and is read back by the runner. */
public final class GuestExit extends RuntimeException {

    private final int exitCode;

    public GuestExit(int exitCode) {
        super("guest exited with code " + exitCode, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
