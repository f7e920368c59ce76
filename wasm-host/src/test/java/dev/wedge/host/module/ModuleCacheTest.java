package dev.wedge.host.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.WasmInstance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Leases keep modules compiled; idle ones stay until the cache needs room, then the eldest is closed, or until
 * their module is deleted.
 */
class ModuleCacheTest {

    /** Counts compiles and closes: what the cache decides is all this test looks at. */
    private static final class Counted implements CompiledModule {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public ModuleInfo info() {
            return new ModuleInfo(List.of(), Map.of(), true, true, 1);
        }

        @Override
        public WasmInstance instantiate(ImportResolver imports, RunDeadline deadline, Cancellation cancellation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private static ModuleCache.Key key(int n) {
        return new ModuleCache.Key("sha" + n, "test", 1 << 20, false);
    }

    @Test
    void aLeasedModuleIsCompiledOnceAndNeverClosed() throws Exception {
        var cache = new ModuleCache(0);
        var compiles = new AtomicInteger();
        var module = new Counted();
        CompiledModule first = cache.acquire(key(1), () -> {
            compiles.incrementAndGet();
            return module;
        });
        CompiledModule second = cache.acquire(key(1), () -> {
            compiles.incrementAndGet();
            return new Counted();
        });
        assertSame(first, second);
        assertEquals(1, compiles.get());
        cache.release(key(1));
        assertEquals(0, module.closes.get(), "one lease is still held");
        cache.release(key(1));
        assertEquals(1, module.closes.get(), "no room for idle modules: closed with the last lease");
        assertEquals(0, cache.size());
    }

    @Test
    void idleModulesStayForRollbacksUntilTheEldestMustGo() throws Exception {
        var cache = new ModuleCache(2);
        Counted[] modules = {new Counted(), new Counted(), new Counted()};
        for (int i = 0; i < 3; i++) {
            int n = i;
            cache.acquire(key(n), () -> modules[n]);
            cache.release(key(n));
        }
        assertEquals(1, modules[0].closes.get(), "the eldest idle module made room");
        assertEquals(0, modules[1].closes.get() + modules[2].closes.get());
        var recompiled = new AtomicInteger();
        CompiledModule back = cache.acquire(key(1), () -> {
            recompiled.incrementAndGet();
            return new Counted();
        });
        assertSame(modules[1], back, "an idle module is leased again without a compile");
        assertEquals(0, recompiled.get());
        cache.close();
        assertTrue(modules[1].closes.get() == 1 && modules[2].closes.get() == 1, "close frees everything");
    }

    @Test
    void idleModulesOfDeletedModulesAreClosedAndLeasedOnesStay() throws Exception {
        var cache = new ModuleCache(10);
        Counted[] modules = {new Counted(), new Counted(), new Counted()};
        for (int i = 0; i < 3; i++) {
            int n = i;
            cache.acquire(key(n), () -> modules[n]);
        }
        cache.release(key(0));
        cache.release(key(1));
        assertEquals(1, cache.evictIdle(sha -> !sha.equals("sha1")), "only sha0 is idle and deleted");
        assertEquals(1, modules[0].closes.get());
        assertEquals(0, cache.evictIdle(sha -> sha.equals("sha2")), "sha2 still runs: its lease keeps it");
        assertEquals(0, modules[1].closes.get() + modules[2].closes.get());
        assertEquals(2, cache.size());
        var recompiled = new AtomicInteger();
        cache.acquire(key(0), () -> {
            recompiled.incrementAndGet();
            return new Counted();
        });
        assertEquals(1, recompiled.get(), "an evicted module is compiled again if it comes back");
        cache.close();
    }
}
