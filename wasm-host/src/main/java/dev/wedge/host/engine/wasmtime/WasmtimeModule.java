package dev.wedge.host.engine.wasmtime;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.FunctionImport;
import dev.wedge.host.engine.GuestMemory;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.HostFunction;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.ValueType;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.util.ArrayList;
import java.util.List;

final class WasmtimeModule implements CompiledModule {

    private final Engine engine;
    private final EpochClock clock;
    private final Module module;
    private final ModuleInfo info;

    WasmtimeModule(Engine engine, EpochClock clock, Module module, ModuleInfo info) {
        this.engine = engine;
        this.clock = clock;
        this.module = module;
        this.info = info;
    }

    @Override
    public ModuleInfo info() {
        return info;
    }

    /**
     * The cancellation is not used here: a store may only be touched from the guest's own thread, so its epoch
     * deadline cannot be brought forward from another (wasmtime-java offers no per-store interrupt). Host calls
     * notice it. A deadline moved by a wait is set again from the host call that waited, on the guest's thread.
     */
    @Override
    public WasmtimeInstance instantiate(ImportResolver imports, RunDeadline deadline, Cancellation cancellation)
            throws GuestTrap {
        Store<Void> store = new Store<>(null, engine);
        var resources = new NativeResources(store);
        try {
            store.setEpochDeadline(clock.ticksUntil(deadline.nanos()));
            var memory = new InstanceMemory(store);
            List<Extern> externs = new ArrayList<>(info.imports().size());
            for (FunctionImport functionImport : info.imports()) {
                Func func = resources.add(hostFunc(store, imports.resolve(functionImport), memory, deadline, clock));
                externs.add(Extern.fromFunc(func));
            }
            Instance instance = resources.add(new Instance(store, module, externs));
            instance.getMemory(store, "memory").ifPresent(found -> memory.bind(resources.add(found)));
            return new WasmtimeInstance(store, instance, memory, resources, deadline);
        } catch (RuntimeException e) {
            resources.close();
            throw WasmtimeInstance.classify(e, deadline, GuestTrap.Kind.INSTANTIATION);
        }
    }

    /**
     * A host function; when its call moved the run's deadline (it waited, and the wait is credited back), the
     * store's epoch deadline is set again before the guest resumes: compiled code re-reads it from the store
     * once the epoch passes the value it cached, before it traps.
     */
    private static Func hostFunc(Store<Void> store, HostFunction function, InstanceMemory memory,
            RunDeadline deadline, EpochClock clock) {
        var type = new FuncType(types(function.signature().params()), types(function.signature().results()));
        List<ValueType> resultTypes = function.signature().results();
        HostFunction.Body body = function.body();
        return new Func(store, type, (caller, params, results) -> {
            long[] args = new long[params.length];
            for (int i = 0; i < params.length; i++) {
                args[i] = raw(params[i]);
            }
            GuestMemory view = memory.view();
            long before = deadline.nanos();
            long[] out = body.call(view, args);
            long after = deadline.nanos();
            if (after != before) {
                store.setEpochDeadline(clock.ticksUntil(after));
            }
            for (int i = 0; i < results.length; i++) {
                results[i] = val(resultTypes.get(i), out[i]);
            }
        });
    }

    private static long raw(Val value) {
        return switch (value.getType()) {
            case I32 -> value.i32();
            case I64 -> value.i64();
            case F32 -> Float.floatToRawIntBits(value.f32());
            case F64 -> Double.doubleToRawLongBits(value.f64());
            default -> throw new IllegalArgumentException("unsupported value type " + value.getType());
        };
    }

    private static Val val(ValueType type, long raw) {
        return switch (type) {
            case I32 -> Val.fromI32((int) raw);
            case I64 -> Val.fromI64(raw);
            case F32 -> Val.fromF32(Float.intBitsToFloat((int) raw));
            case F64 -> Val.fromF64(Double.longBitsToDouble(raw));
        };
    }

    private static Val.Type[] types(List<ValueType> types) {
        return types.stream().map(type -> switch (type) {
            case I32 -> Val.Type.I32;
            case I64 -> Val.Type.I64;
            case F32 -> Val.Type.F32;
            case F64 -> Val.Type.F64;
        }).toArray(Val.Type[]::new);
    }

    @Override
    public void close() {
        module.dispose();
    }
}
