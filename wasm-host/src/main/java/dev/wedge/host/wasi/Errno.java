package dev.wedge.host.wasi;

/** The WASI preview 1 errno values wedge returns. */
final class Errno {
    static final int SUCCESS = 0;
    static final int BADF = 8;
    static final int FAULT = 21;
    static final int FBIG = 27;
    static final int INVAL = 28;
    static final int IO = 29;
    static final int NOSYS = 52;
    static final int SPIPE = 70;

    private Errno() {}
}
