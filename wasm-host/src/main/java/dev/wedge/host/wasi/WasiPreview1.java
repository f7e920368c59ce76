package dev.wedge.host.wasi;

import static dev.wedge.host.engine.ValueType.I32;
import static dev.wedge.host.engine.ValueType.I64;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.ErrorCodes;
import dev.wedge.host.abi.GuestExit;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.engine.FunctionImport;
import dev.wedge.host.engine.Signature;
import dev.wedge.host.engine.ValueType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/**
 * wedge's own {@code wasi_snapshot_preview1}: standard streams, args, environment, clocks, randomness and exit,
 * with no file system and no sockets. Written against {@link HostCall}, so both engines behave identically and
 * every pointer a guest passes is checked the same way as in the wedge ABI.
 */
public final class WasiPreview1 {

    public static final String MODULE = "wasi_snapshot_preview1";
    private static final ErrorCodes ERRORS = new ErrorCodes(Errno.FAULT, Errno.IO);
    private static final int IOVEC_SIZE = 8;
    private static final int IOV_MAX = 1024;
    private static final int FILETYPE_CHARACTER_DEVICE = 2;
    private static final long ALL_RIGHTS = -1L;

    private final SecureRandom random;
    /** Monotonic clocks count from here, so they never go negative (System.nanoTime() may). */
    private final long monotonicOrigin = System.nanoTime();

    public WasiPreview1(SecureRandom random) {
        this.random = random;
    }

    public <S extends WasiContext> List<AbiFunction<S>> functions() {
        return List.of(
                fn("args_sizes_get", 2, (S scope, HostCall call) -> sizes(call, scope.args())),
                fn("args_get", 2, (S scope, HostCall call) -> strings(call, scope.args())),
                fn("environ_sizes_get", 2, (S scope, HostCall call) -> sizes(call, scope.environ())),
                fn("environ_get", 2, (S scope, HostCall call) -> strings(call, scope.environ())),
                fn("fd_write", 4, WasiPreview1::fdWrite),
                fn("fd_read", 4, WasiPreview1::fdRead),
                fn("fd_close", 1, (S scope, HostCall call) -> isStdio(call.i32(0)) ? Errno.SUCCESS : Errno.BADF),
                fn("fd_fdstat_get", 2, WasiPreview1::fdstat),
                fn("fd_prestat_get", 2, (S scope, HostCall call) -> Errno.BADF),
                fn("fd_prestat_dir_name", 3, (S scope, HostCall call) -> Errno.BADF),
                new AbiFunction<>(MODULE, "fd_seek", Signature.of(List.of(I32, I64, I32, I32), List.of(I32)), ERRORS,
                        (S scope, HostCall call) -> isStdio(call.i32(0)) ? Errno.SPIPE : Errno.BADF),
                new AbiFunction<>(MODULE, "clock_time_get", Signature.of(List.of(I32, I64, I32), List.of(I32)),
                        ERRORS, this::clockTime),
                fn("clock_res_get", 2, (S scope, HostCall call) -> {
                    call.writeU64(call.u32(1), 1_000);
                    return Errno.SUCCESS;
                }),
                fn("random_get", 2, (S scope, HostCall call) -> {
                    call.check(call.u32(0), call.u32(1));
                    byte[] bytes = new byte[(int) call.u32(1)];
                    random.nextBytes(bytes);
                    call.write(call.u32(0), bytes, 0, bytes.length);
                    return Errno.SUCCESS;
                }),
                fn("sched_yield", 0, (S scope, HostCall call) -> Errno.SUCCESS),
                new AbiFunction<>(MODULE, "proc_exit", Signature.of(List.of(I32), List.of()), ERRORS,
                        (S scope, HostCall call) -> {
                            scope.exited(call.i32(0));
                            throw new GuestExit(call.i32(0));
                        }));
    }

    /** Any other preview 1 function that returns an errno answers ENOSYS, so portable programs degrade. */
    public static <S> AbiFunction<S> unimplemented(FunctionImport wanted) {
        if (!wanted.signature().results().equals(List.of(ValueType.I32))) {
            return null;
        }
        return new AbiFunction<>(MODULE, wanted.name(), wanted.signature(), ERRORS, (scope, call) -> Errno.NOSYS);
    }

    private static <S> AbiFunction<S> fn(String name, int params, AbiFunction.Impl<S> impl) {
        return new AbiFunction<>(MODULE, name, Signature.i32s(params), ERRORS, impl);
    }

    private static boolean isStdio(int fd) {
        return fd >= 0 && fd <= 2;
    }

    private static int sizes(HostCall call, StringBlock values) {
        call.check(call.u32(0), 4);
        call.check(call.u32(1), 4);
        call.writeU32(call.u32(0), values.count());
        call.writeU32(call.u32(1), values.bytes().length);
        return Errno.SUCCESS;
    }

    /** Writes an array of pointers at arg 0 and the NUL-terminated strings they point to at arg 1. */
    private static int strings(HostCall call, StringBlock values) {
        long pointers = call.u32(0);
        long buffer = call.u32(1);
        byte[] bytes = values.bytes();
        call.check(pointers, 4L * values.count());
        call.check(buffer, bytes.length);
        var table = ByteBuffer.allocate(4 * values.count()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.count(); i++) {
            table.putInt((int) (buffer + values.offset(i))); // checked above: within the guest's 32-bit memory
        }
        call.write(pointers, table.array(), 0, table.capacity());
        call.write(buffer, bytes, 0, bytes.length);
        return Errno.SUCCESS;
    }

    private static <S extends WasiContext> int fdWrite(S scope, HostCall call) {
        BoundedOutput out = switch (call.i32(0)) {
            case 1 -> scope.stdout();
            case 2 -> scope.stderr();
            default -> null;
        };
        if (out == null) {
            return Errno.BADF;
        }
        long[][] iovecs = iovecs(call);
        long written = 0;
        for (long[] iovec : iovecs) {
            long base = iovec[0];
            long length = iovec[1];
            long room = out.remaining();
            if (length > room) {
                out.markOverflow();
                if (out.strict()) {
                    throw new AbiException(Errno.FBIG, "output limit reached");
                }
            }
            // A lenient stream keeps what fits but reports everything written, or libc would retry forever.
            out.write(call.read(base, Math.min(length, room)));
            written += length;
        }
        call.writeU32(call.u32(3), written);
        return Errno.SUCCESS;
    }

    private static <S extends WasiContext> int fdRead(S scope, HostCall call) {
        if (call.i32(0) != 0) {
            return Errno.BADF;
        }
        byte[] stdin = scope.stdin();
        int position = scope.stdinPosition();
        long read = 0;
        for (long[] iovec : iovecs(call)) {
            if (position >= stdin.length) {
                break;
            }
            long base = iovec[0];
            long length = iovec[1];
            int n = (int) Math.min(length, stdin.length - position);
            call.write(base, stdin, position, n);
            position += n;
            read += n;
        }
        scope.stdinPosition(position);
        call.writeU32(call.u32(3), read);
        return Errno.SUCCESS;
    }

    /**
     * The (base, length) pairs of the iovec array at arguments 1 and 2, every one checked against guest memory
     * (and the count slot at argument 3) before any is used, so a bad one changes nothing.
     */
    private static long[][] iovecs(HostCall call) {
        long iovs = call.u32(1);
        long count = call.u32(2);
        if (count > IOV_MAX) {
            throw new AbiException(Errno.INVAL, "more than " + IOV_MAX + " iovecs");
        }
        call.check(iovs, count * IOVEC_SIZE);
        call.check(call.u32(3), 4);
        long[][] pairs = new long[(int) count][];
        for (int i = 0; i < count; i++) {
            long base = Integer.toUnsignedLong(call.readI32(iovs + (long) i * IOVEC_SIZE));
            long length = Integer.toUnsignedLong(call.readI32(iovs + (long) i * IOVEC_SIZE + 4));
            call.check(base, length);
            pairs[i] = new long[] {base, length};
        }
        return pairs;
    }

    private static <S> int fdstat(S scope, HostCall call) {
        if (!isStdio(call.i32(0))) {
            return Errno.BADF;
        }
        long at = call.u32(1);
        call.check(at, 24);
        call.write(at, new byte[24], 0, 24);
        call.write(at, new byte[] {FILETYPE_CHARACTER_DEVICE}, 0, 1);
        call.writeU64(at + 8, ALL_RIGHTS);
        call.writeU64(at + 16, ALL_RIGHTS);
        return Errno.SUCCESS;
    }

    private <S> int clockTime(S scope, HostCall call) {
        long nanos = switch (call.i32(0)) {
            case 0 -> {
                Instant now = Instant.now();
                yield now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case 1, 2, 3 -> System.nanoTime() - monotonicOrigin;
            default -> -1;
        };
        if (nanos < 0) {
            return Errno.INVAL;
        }
        call.writeU64(call.u32(2), nanos);
        return Errno.SUCCESS;
    }
}
