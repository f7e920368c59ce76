package dev.wedge.host.engine.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handles are disposed last first, each once, however many an instance made (one per call it was asked). */
class NativeResourcesTest {

    @Test
    void everyHandleOfALongLivedInstanceIsDisposedOnceLastFirst() {
        List<Integer> disposed = new ArrayList<>();
        NativeResources resources = new NativeResources();
        int handles = 200_000; // a live instance called this often held as many; disposing recursed past the stack
        for (int i = 0; i < handles; i++) {
            int id = i;
            resources.add(() -> disposed.add(id));
        }
        resources.close();
        resources.close();
        assertEquals(handles, disposed.size());
        assertEquals(handles - 1, disposed.get(0));
        assertEquals(0, disposed.get(handles - 1));
    }

    @Test
    void aFailingDisposeStillDisposesTheRestAndIsThrown() {
        List<String> disposed = new ArrayList<>();
        IllegalStateException broken = new IllegalStateException("broken handle");
        NativeResources resources = new NativeResources();
        resources.add(() -> disposed.add("first"));
        resources.add(() -> {
            throw broken;
        });
        resources.add(() -> disposed.add("last"));
        assertSame(broken, assertThrows(IllegalStateException.class, resources::close));
        assertEquals(List.of("last", "first"), disposed);
    }
}
