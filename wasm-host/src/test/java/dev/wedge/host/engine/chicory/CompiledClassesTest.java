package dev.wedge.host.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.wedge.host.Guests;
import dev.wedge.host.WasmHost;
import dev.wedge.host.run.App;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A module Chicory compiled defines JVM classes in a class loader of its own. Once the module is evicted from
 * the cache, nothing may keep that loader reachable, or every deleted module would stay in metaspace for good.
 */
class CompiledClassesTest {

    /** Bounds the wait for the collector, not its speed. */
    private static final long GC_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void anEvictedModulesClassLoaderBecomesUnreachable() throws Exception {
        try (WasmHost host = WasmHost.create(ChicoryEngine.NAME, (app, stream, level, text) -> { })) {
            WeakReference<ClassLoader> loader = loadAndRun(host);
            assertEquals(1, host.evictIdle(sha -> true));
            assertEquals(0, host.compiledModules());
            long deadline = System.nanoTime() + GC_WAIT_NANOS;
            while (loader.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50); // polling the collector, which gives no completion signal for a weak reference
            }
            assertEquals(null, loader.get(), "the compiled classes' loader is still reachable");
        }
    }

    /** Loads probe (small enough to be compiled at once), notes its class loader, runs it once: then it is idle. */
    private static WeakReference<ClassLoader> loadAndRun(WasmHost host) throws Exception {
        App app = host.load(Guests.bytes("probe"), Guests.config("probe"));
        ClassLoader loader = machineClass((ChicoryModule) app.compiled()).getClassLoader();
        assertNotNull(loader);
        assertNotSame(ChicoryEngine.class.getClassLoader(), loader, "compiled code has a loader of its own");
        Guests.ok(Guests.get(host, app, "/info"));
        return new WeakReference<>(loader);
    }

    /** The generated Machine class, behind the factory Chicory's compiler returns (a method-handle proxy). */
    private static Class<?> machineClass(ChicoryModule module) {
        var compiled = (com.dylibso.chicory.runtime.CompiledModule) module.machines();
        MethodHandle constructor = MethodHandleProxies.wrapperInstanceTarget(compiled.machineFactory());
        return MethodHandles.reflectAs(Constructor.class, constructor).getDeclaringClass();
    }
}
