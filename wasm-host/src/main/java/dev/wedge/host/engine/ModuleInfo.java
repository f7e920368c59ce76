package dev.wedge.host.engine;

import java.util.List;
import java.util.Map;

/**
 * What the host needs to know about a module before running it, independent of the engine.
 *
 * @param exportedFunctions exported function names with their types
 * @param definesMemory whether the module has a memory of its own
 * @param exportsMemory whether that memory is exported as {@code memory}, where host calls look for it
 * @param initialMemoryBytes the memory's declared initial size
 */
public record ModuleInfo(List<FunctionImport> imports, Map<String, Signature> exportedFunctions,
        boolean definesMemory, boolean exportsMemory, long initialMemoryBytes) {

    public ModuleInfo {
        imports = List.copyOf(imports);
        exportedFunctions = Map.copyOf(exportedFunctions);
    }

    public boolean exports(String function) {
        return exportedFunctions.containsKey(function);
    }
}
