package dev.wedge.host.module;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.ParserListener;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import dev.wedge.host.engine.Signature;
import dev.wedge.host.engine.ValueType;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a module, whatever engine will run it, to learn its imports, exports and memory, with Chicory's parser
 * (pure Java). It decodes the sections it checks and not the function bodies, and validates nothing: decoding
 * the code is most of a parse's cost, and the engine that compiles the module validates it anyway (or a
 * deploy already did), so a malformed module is still refused when it is loaded.
 */
public final class ModuleInspector {

    private static final int PAGE = 65536;
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    private ModuleInspector() {}

    public static ModuleInfo inspect(byte[] wasm) throws ModuleLoadException {
        if (wasm.length < HEADER.length || !Arrays.equals(wasm, 0, 4, HEADER, 0, 4)) {
            throw new ModuleLoadException("not a valid WebAssembly module: it does not start with \\0asm");
        }
        if (!Arrays.equals(wasm, 4, 8, HEADER, 4, 8)) {
            throw new ModuleLoadException("not a valid WebAssembly module: binary format version is not 1 "
                    + "(components are not supported; build a core module)");
        }
        var module = new Sections();
        try {
            // A parser per call: a Chicory parser keeps the type section it read in a field.
            Parser.builder().withValidation(false).includeSectionId(SectionId.TYPE)
                    .includeSectionId(SectionId.IMPORT).includeSectionId(SectionId.FUNCTION)
                    .includeSectionId(SectionId.MEMORY).includeSectionId(SectionId.EXPORT)
                    .includeSectionId(SectionId.DATA).build().parse(new ByteArrayInputStream(wasm), module);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ModuleLoadException("not a valid WebAssembly module: " + e.getMessage(), e);
        }
        CodeLocals.check(wasm);
        List<dev.wedge.host.engine.FunctionImport> imports = functionImports(module);
        long initialMemory = initialMemory(module);
        DataBounds.check(module.data, initialMemory);
        return new ModuleInfo(imports, functionExports(module, imports), module.memories != null,
                exportsMemory(module), initialMemory);
    }

    /** The sections the host checks, as the parser hands them over; a missing one is empty. */
    private static final class Sections implements ParserListener {
        TypeSection types = TypeSection.builder().build();
        ImportSection imports = ImportSection.builder().build();
        FunctionSection functions = FunctionSection.builder().build();
        MemorySection memories;
        ExportSection exports = ExportSection.builder().build();
        DataSection data;

        @Override
        public void onSection(Section section) {
            switch (section) {
                case TypeSection found -> types = found;
                case ImportSection found -> imports = found;
                case FunctionSection found -> functions = found;
                case MemorySection found -> memories = found;
                case ExportSection found -> exports = found;
                case DataSection found -> data = found;
                default -> { } // custom sections: the parser hands them over whatever it was asked for
            }
        }
    }

    private static List<dev.wedge.host.engine.FunctionImport> functionImports(Sections module)
            throws ModuleLoadException {
        var imports = new ArrayList<dev.wedge.host.engine.FunctionImport>();
        var section = module.imports;
        for (int i = 0; i < section.importCount(); i++) {
            Import found = section.getImport(i);
            if (!(found instanceof FunctionImport function)) {
                throw new ModuleLoadException(Problem.BAD_IMPORT,
                        "the module imports a " + found.importType().name().toLowerCase()
                        + " (" + found.module() + "." + found.name() + "); wedge only provides functions: "
                        + "define and export your own memory");
            }
            FunctionType type = module.types.getType(function.typeIndex());
            var signature = new Signature(valueTypes(type.params(), found), valueTypes(type.returns(), found));
            imports.add(new dev.wedge.host.engine.FunctionImport(found.module(), found.name(), signature));
        }
        return imports;
    }

    private static List<ValueType> valueTypes(List<ValType> types, Import owner) throws ModuleLoadException {
        List<ValueType> result = numeric(types);
        if (result == null) {
            throw new ModuleLoadException(Problem.BAD_IMPORT, "import " + owner.module() + "." + owner.name()
                    + " uses a non-numeric value type");
        }
        return result;
    }

    /** The types as {@link ValueType}s, or null when one is not a number type. */
    private static List<ValueType> numeric(List<ValType> types) {
        var result = new ArrayList<ValueType>(types.size());
        for (ValType type : types) {
            if (type.equals(ValType.I32)) {
                result.add(ValueType.I32);
            } else if (type.equals(ValType.I64)) {
                result.add(ValueType.I64);
            } else if (type.equals(ValType.F32)) {
                result.add(ValueType.F32);
            } else if (type.equals(ValType.F64)) {
                result.add(ValueType.F64);
            } else {
                return null;
            }
        }
        return result;
    }

    /** Exported functions with numeric types (others can never be entry points, so they are left out). */
    private static Map<String, Signature> functionExports(Sections module,
            List<dev.wedge.host.engine.FunctionImport> imports) {
        Map<String, Signature> exports = new HashMap<>();
        var section = module.exports;
        for (int i = 0; i < section.exportCount(); i++) {
            Export export = section.getExport(i);
            if (export.exportType() != ExternalType.FUNCTION) {
                continue;
            }
            int index = export.index();
            if (index < imports.size()) {
                exports.put(export.name(), imports.get(index).signature());
                continue;
            }
            FunctionType type = module.functions.getFunctionType(index - imports.size(), module.types);
            List<ValueType> params = numeric(type.params());
            List<ValueType> results = numeric(type.returns());
            if (params != null && results != null) {
                exports.put(export.name(), new Signature(params, results));
            }
        }
        return exports;
    }

    private static boolean exportsMemory(Sections module) {
        var section = module.exports;
        for (int i = 0; i < section.exportCount(); i++) {
            Export export = section.getExport(i);
            if (export.exportType() == ExternalType.MEMORY && export.name().equals("memory")) {
                return true;
            }
        }
        return false;
    }

    private static long initialMemory(Sections module) {
        return module.memories == null || module.memories.memoryCount() == 0 ? 0L
                : (long) module.memories.getMemory(0).limits().initialPages() * PAGE;
    }
}
