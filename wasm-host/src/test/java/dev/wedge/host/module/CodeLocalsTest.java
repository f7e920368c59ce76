package dev.wedge.host.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.HandlerModules;
import dev.wedge.host.engine.ModuleLoadException;
import org.junit.jupiter.api.Test;

/** The inspector reads locals without decoding function bodies; the limit counts every declaration of a function. */
class CodeLocalsTest {

    @Test
    void localsAcrossDeclarationsCountTogether() {
        var refused = assertThrows(ModuleLoadException.class,
                () -> ModuleInspector.inspect(HandlerModules.withLocalGroups(30_000, 30_000)));
        assertTrue(refused.getMessage().contains("more than 50,000 locals"), refused.getMessage());
    }

    @Test
    void localsUpToTheLimitPass() throws ModuleLoadException {
        var info = ModuleInspector.inspect(HandlerModules.withLocalGroups(25_000, 25_000));
        assertTrue(info.exports("wedge_on_request"));
    }

    /** Function bodies are not decoded here: the engine's validation refuses a bad one, when it loads the module. */
    @Test
    void bodiesAreNotDecoded() throws ModuleLoadException {
        byte[] module = HandlerModules.withLocals(3);
        module[module.length - 1] = (byte) 0xff; // the body's last byte, its end, is now no instruction at all
        assertEquals(65536, ModuleInspector.inspect(module).initialMemoryBytes());
    }
}
