package dev.wedge.host.abi;

/** The guest asked to stop ({@code proc_exit}). */
public final class GuestExit extends GuestStop {

    private final int exitCode;

    public GuestExit(int exitCode) {
        super("guest exited with code " + exitCode);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
