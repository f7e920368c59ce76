package dev.wedge.host.engine.chicory;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.PrelinkedModule;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.FunctionImport;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.HostFunction;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.Signature;
import dev.wedge.host.engine.ValueType;
import java.util.List;
import java.util.function.Function;

final class ChicoryModule implements CompiledModule {

    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final ModuleInfo info;
    private final Watchdog watchdog;
    private final Function<MemoryLimits, Memory> memories;
    /** The type of each import, in the module's order: made once, not for every instance. */
    private final FunctionType[] importTypes;
    /** Linked once (null for a module that would not link: Chicory's builder then says why, per instance). */
    private final PrelinkedModule prelinked;

    ChicoryModule(WasmModule module, Function<Instance, Machine> machineFactory, ModuleInfo info,
            Watchdog watchdog, ChicoryEngine.MemoryMode memoryMode) {
        this.module = module;
        this.machineFactory = machineFactory;
        this.info = info;
        this.watchdog = watchdog;
        this.memories = memories(memoryMode);
        this.importTypes = info.imports().stream().map(ChicoryModule::type).toArray(FunctionType[]::new);
        this.prelinked = PrelinkedModule.of(module, importTypes);
    }

    /** Instances' memories: copy-on-write over one image per module, or Chicory's own, allocated and zeroed. */
    private static Function<MemoryLimits, Memory> memories(ChicoryEngine.MemoryMode mode) {
        if (mode == ChicoryEngine.MemoryMode.PLAIN) {
            return ByteBufferMemory::new;
        }
        var image = new MemoryImage();
        return limits -> limits.shared() ? new ByteBufferMemory(limits) : new CopyOnWriteMemory(limits, image);
    }

    /** What makes this module's machines: compiled code, or {@link TieredMachines}. */
    Function<Instance, Machine> machines() {
        return machineFactory;
    }

    @Override
    public ModuleInfo info() {
        return info;
    }

    @Override
    public ChicoryInstance instantiate(ImportResolver imports, RunDeadline deadline, Cancellation cancellation)
            throws GuestTrap {
        List<FunctionImport> declared = info.imports();
        var functions = new ImportFunction[declared.size()];
        for (int i = 0; i < functions.length; i++) {
            functions[i] = adapt(imports.resolve(declared.get(i)), importTypes[i]);
        }
        ThreadInterrupt interrupt = ThreadInterrupt.arm(watchdog, deadline, cancellation);
        try {
            Instance instance = prelinked != null
                    ? prelinked.instantiate(functions, memories, machineFactory, ChicoryModule::freshTable)
                    : Instance.builder(module)
                            .withImportValues(ImportValues.builder().addFunction(functions).build())
                            .withMachineFactory(machineFactory)
                            .withMemoryFactory(memories)
                            .withStart(false) // Chicory would otherwise run an exported _start here
                            .withTableFactory(ChicoryModule::freshTable)
                            .build();
            return new ChicoryInstance(instance, interrupt);
        } catch (RuntimeException | StackOverflowError e) {
            interrupt.disarm();
            throw ChicoryInstance.classify(e, interrupt, GuestTrap.Kind.INSTANTIATION);
        }
    }

    private static ImportFunction adapt(HostFunction function, FunctionType type) {
        HostFunction.Body body = function.body();
        return new com.dylibso.chicory.runtime.HostFunction(function.module(), function.name(), type,
                (instance, args) -> body.call(ChicoryMemory.of(instance), args));
    }

    private static FunctionType type(FunctionImport functionImport) {
        Signature signature = functionImport.signature();
        return FunctionType.of(types(signature.params()), types(signature.results()));
    }

    private static List<ValType> types(List<ValueType> types) {
        return types.stream().map(ChicoryModule::type).toList();
    }

    private static ValType type(ValueType type) {
        return switch (type) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
        };
    }

    @Override
    public void close() {
        // Nothing native: the compiled classes go with the last reference.
    }

    /**
     * Each instance's table with limits of its own: Chicory's {@code table.grow} updates the limits object of the
     * parsed module, which every instance shares, so one request's growth would become the next one's size.
     */
    private static TableInstance freshTable(Table table, int initialValue) {
        var limits = new TableLimits(table.limits().min(), table.limits().max());
        return new TableInstance(new Table(table.elementType(), limits, table.initialize()), initialValue);
    }
}
