package dev.wedge.host.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.dylibso.chicory.runtime.PrelinkedModule;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wedge.host.Guests;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Imports linked once per module; a module they would not link falls back to Chicory's builder. That instances
 * made so start fresh is MemoryIsolationTest's and HostileGuestTest's (tables) to show, on this path now.
 */
class PrelinkedModuleTest {

    private final com.dylibso.chicory.wasm.WasmModule module = Parser.parse(Guests.bytes("memory_isolation"));

    private FunctionType[] declaredTypes() {
        var imports = module.importSection();
        var types = new FunctionType[imports.importCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = module.typeSection().getType(((FunctionImport) imports.getImport(i)).typeIndex());
        }
        return types;
    }

    @Test
    void aModuleImportingFunctionsOfItsDeclaredTypesIsLinkedOnce() {
        assertNotNull(PrelinkedModule.of(module, declaredTypes()));
    }

    @Test
    void importsOfOtherTypesOrCountsAreLeftToChicorysBuilder() {
        FunctionType[] types = declaredTypes();
        types[0] = FunctionType.of(List.of(ValType.I64), List.of());
        assertNull(PrelinkedModule.of(module, types), "a signature that differs");
        assertNull(PrelinkedModule.of(module, new FunctionType[0]), "imports the node does not give");
    }
}
