package dev.wedge.bench.compute;

import dev.wedge.bench.BenchEngines;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.HostFunction;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.WasmEngine;
import dev.wedge.host.engine.WasmInstance;
import dev.wedge.host.module.ModuleCaps;
import dev.wedge.host.module.ModuleInspector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A compute guest (benchmarks/src/main/guests/compute.h: plain exports, no host calls) compiled on one engine, taken
 * by name from {@link BenchEngines#create}, so any engine wedge has (and the evaluated graal) runs it. Thread-safe; each {@link Session} is one
 * instance, used by the thread that opened it.
 */
public final class ComputeGuest implements AutoCloseable {

    private static final long MEMORY_CAP = 256L << 20;
    private static final Duration DEADLINE = Duration.ofMinutes(30); // no run is about deadlines here
    private static final int ENOSYS = 52;
    /**
     * The guests compute only; what of WASI their libc links (md4c's debug log to stderr, never on) is refused with
     * ENOSYS, so a call would fail in the guest instead of being served.
     */
    private static final ImportResolver NO_IMPORTS = wanted -> {
        if (!wanted.module().equals("wasi_snapshot_preview1") || wanted.signature().results().size() != 1) {
            throw new IllegalArgumentException("compute guests import nothing but WASI, not " + wanted);
        }
        return new HostFunction(wanted.module(), wanted.name(), wanted.signature(), (memory, args) -> new long[] {ENOSYS});
    };

    private final WasmEngine engine;
    private final CompiledModule module;

    private ComputeGuest(WasmEngine engine, CompiledModule module) {
        this.engine = engine;
        this.module = module;
    }

    /** Compiles benchmarks' guest {@code name} ({@code /guests/NAME.wasm}) on the engine so named. */
    public static ComputeGuest load(String engineName, String name) {
        byte[] wasm = resource("/guests/" + name + ".wasm");
        WasmEngine engine = BenchEngines.create(engineName);
        try {
            byte[] capped = ModuleCaps.apply(wasm, MEMORY_CAP);
            return new ComputeGuest(engine, engine.compile(capped, ModuleInspector.inspect(capped)));
        } catch (ModuleLoadException e) {
            engine.close();
            throw new IllegalStateException("compute guest " + name + " does not load on " + engineName, e);
        }
    }

    /** A fresh instance, its libc initialised. */
    public Session open() {
        RunDeadline deadline = RunDeadline.fixed(System.nanoTime() + DEADLINE.toNanos());
        try {
            WasmInstance instance = module.instantiate(NO_IMPORTS, deadline, Cancellation.NEVER);
            if (module.info().exports("_initialize")) {
                instance.call("_initialize");
            }
            return new Session(instance);
        } catch (GuestTrap e) {
            throw new IllegalStateException("compute guest does not start", e);
        }
    }

    @Override
    public void close() {
        module.close();
        engine.close();
    }

    static byte[] resource(String path) {
        try (InputStream in = ComputeGuest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path + "; run scripts/build-guests.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One live instance: input written, an entry called, its output read. */
    public static final class Session implements AutoCloseable {

        private final WasmInstance instance;

        private Session(WasmInstance instance) {
            this.instance = instance;
        }

        /** Writes {@code input} into the guest's input buffer; later {@link #run}s read it from there. */
        public void write(byte[] input) {
            int at = (int) call("input", input.length);
            if (at == 0) {
                throw new IllegalStateException("the guest has no memory for " + input.length + " bytes");
            }
            instance.memory().current().write(at, input, 0, input.length);
        }

        /** Calls {@code entry} on the first {@code length} bytes written, and answers its output. */
        public byte[] run(String entry, int length) {
            long produced = call(entry, length);
            if (produced < 0) {
                throw new IllegalStateException(entry + " failed in the guest");
            }
            int at = (int) call("output");
            return instance.memory().current().read(at, (int) produced);
        }

        /** {@link #write}, then {@link #run}: what one request pays on a live instance. */
        public byte[] call(String entry, byte[] input) {
            write(input);
            return run(entry, input.length);
        }

        private long call(String export, long... args) {
            try {
                return (int) instance.call(export, args)[0]; // every export answers an i32
            } catch (GuestTrap e) {
                throw new IllegalStateException(export + " trapped", e);
            }
        }

        @Override
        public void close() {
            instance.close();
        }
    }
}
