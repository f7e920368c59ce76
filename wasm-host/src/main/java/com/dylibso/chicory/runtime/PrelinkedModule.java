package com.dylibso.chicory.runtime;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TagType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * wedge's: a module whose imports are linked once, so that each instance is only made. Chicory's
 * {@code Instance.Builder.build} links a module's imports to the host's by name for every instance (streams over
 * the import names: a quarter of a hello request's worker time), although the node gives every instance of a
 * module the same functions, one per import, in the module's order. The checks that linking makes (function
 * imports only, each of the declared type; exports and types in range) are made here once; each instance is then
 * made by Chicory's own constructor with what {@code build} would have passed it. That constructor is
 * package-private, hence this class in Chicory's package. Written against Chicory 1.7.5's {@code build}.
 */
public final class PrelinkedModule {

    private final WasmModule module;
    private final Map<String, Export> exports;
    private final int[] functionTypes;
    private final Table[] tables;
    private final MemoryLimits[] memories;
    private final TagType[] tags;

    private PrelinkedModule(WasmModule module, Map<String, Export> exports, int[] functionTypes) {
        this.module = module;
        this.exports = exports;
        this.functionTypes = functionTypes;
        var tableSection = module.tableSection();
        this.tables = new Table[tableSection.tableCount()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = tableSection.getTable(i);
        }
        this.memories = module.memorySection().map(section -> {
            var limits = new MemoryLimits[section.memoryCount()];
            for (int i = 0; i < limits.length; i++) {
                limits[i] = section.getMemory(i).limits();
            }
            return limits;
        }).orElse(new MemoryLimits[0]);
        this.tags = module.tagSection().map(TagSection::types).orElse(null);
    }

    /**
     * The module linked to functions of {@code importTypes} (one per import, in order), or null when it imports
     * anything else or its imports or exports would not link: Chicory's builder then says why, as before.
     */
    public static PrelinkedModule of(WasmModule module, FunctionType[] importTypes) {
        var types = module.typeSection();
        var imports = module.importSection();
        if (imports.importCount() != importTypes.length) {
            return null;
        }
        int functionCount = module.functionSection().functionCount();
        var functionTypes = new int[importTypes.length + functionCount];
        for (int i = 0; i < importTypes.length; i++) {
            Import imported = imports.getImport(i);
            if (!(imported instanceof FunctionImport function)
                    || function.typeIndex() >= types.subTypeCount()
                    || !importTypes[i].equals(types.getType(function.typeIndex()))) {
                return null;
            }
            functionTypes[i] = function.typeIndex();
        }
        for (int i = 0; i < functionCount; i++) {
            functionTypes[importTypes.length + i] = module.functionSection().getFunctionType(i);
        }
        var exports = new HashMap<String, Export>();
        var exportSection = module.exportSection();
        for (int i = 0; i < exportSection.exportCount(); i++) {
            Export export = exportSection.getExport(i);
            if (exports.put(export.name(), export) != null || !inRange(module, export, importTypes.length)) {
                return null;
            }
        }
        return new PrelinkedModule(module, exports, functionTypes);
    }

    private static boolean inRange(WasmModule module, Export export, int importedFunctions) {
        long index = export.index();
        return switch (export.exportType()) {
            case FUNCTION -> index < module.functionSection().functionCount() + importedFunctions;
            case GLOBAL -> index < module.globalSection().globalCount();
            case TABLE -> index < module.tableSection().tableCount();
            case MEMORY -> index < module.memorySection().map(section -> section.memoryCount()).orElse(0);
            default -> true; // tags: build() does not check them either
        };
    }

    /**
     * A new instance, initialized (its start function not run): {@code functions} are the imports, in the
     * module's order and of the types given to {@link #of}.
     */
    public Instance instantiate(ImportFunction[] functions, Function<MemoryLimits, Memory> memoryFactory,
            Function<Instance, Machine> machineFactory, TableFactory tableFactory) {
        var memories = new Memory[this.memories.length];
        for (int i = 0; i < memories.length; i++) {
            memories[i] = memoryFactory.apply(this.memories[i]);
        }
        return new Instance(module, module.globalSection().globals(), memories,
                module.dataSection().dataSegments(), module.codeSection().functionBodies(),
                module.typeSection().types(), functionTypes, ImportValues.builder().addFunction(functions).build(),
                tables, module.elementSection().elements(), tags, exports, machineFactory, tableFactory, null, true,
                false, null);
    }
}
