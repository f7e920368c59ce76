package dev.wedge.host.wasi;

import dev.wedge.host.app.AppConfig;
import java.util.List;

/**
 * The process one WASI run believes it is: arguments, environment, standard streams, and the exit code once it
 * called {@code proc_exit}.
 */
public final class WasiProcess implements WasiContext {

    private final StringBlock args;
    private final StringBlock environ;
    private final byte[] stdin;
    private final BoundedOutput stdout;
    private final BoundedOutput stderr;
    private int stdinPosition;
    private Integer exitCode;

    /** The process of an app that is not a WAGI command: its name as argv[0], its env, no stdin. */
    public static WasiProcess of(AppConfig app, BoundedOutput stdout, BoundedOutput stderr) {
        return new WasiProcess(StringBlock.of(List.of(app.name())), StringBlock.environ(app.env()), new byte[0], stdout,
                stderr);
    }

    public WasiProcess(StringBlock args, StringBlock environ, byte[] stdin, BoundedOutput stdout,
            BoundedOutput stderr) {
        this.args = args;
        this.environ = environ;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public StringBlock args() {
        return args;
    }

    @Override
    public StringBlock environ() {
        return environ;
    }

    @Override
    public byte[] stdin() {
        return stdin;
    }

    @Override
    public int stdinPosition() {
        return stdinPosition;
    }

    @Override
    public void stdinPosition(int position) {
        this.stdinPosition = position;
    }

    @Override
    public BoundedOutput stdout() {
        return stdout;
    }

    @Override
    public BoundedOutput stderr() {
        return stderr;
    }

    @Override
    public void exited(int code) {
        exitCode = code;
    }

    /** The guest's {@code proc_exit} code, or null when it did not call it. */
    public Integer exitCode() {
        return exitCode;
    }
}
