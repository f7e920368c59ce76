package dev.wedge.host.wasi;

/** The process a WASI guest believes it is: arguments, environment and three standard streams. */
public interface WasiContext {

    StringBlock args();

    /** Entries of the form {@code NAME=value}. */
    StringBlock environ();

    /** What the guest reads from fd 0. */
    byte[] stdin();

    /** How much of stdin the guest has consumed; advanced by fd_read. */
    int stdinPosition();

    void stdinPosition(int position);

    BoundedOutput stdout();

    BoundedOutput stderr();

    /** Records {@code proc_exit}: the engine may report the unwinding as a trap, so the code is kept here. */
    void exited(int code);
}
