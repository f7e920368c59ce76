package dev.wedge.host.engine;

import java.util.List;
import java.util.Set;

/**
 * What the host needs to know about a module before running it, independent of the engine.
 *
 * @param exportedFunctions names of exported functions
 * @param initialMemoryBytes the memory's declared initial size
 */
public record ModuleInfo(List<FunctionImport> imports, Set<String> exportedFunctions, long initialMemoryBytes) {

    public ModuleInfo {
        imports = List.copyOf(imports);
        exportedFunctions = Set.copyOf(exportedFunctions);
    }

    public boolean exports(String function) {
        return exportedFunctions.contains(function);
    }
}
