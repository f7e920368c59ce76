package dev.wedge.host.engine.wasmtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.run.App;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Runs of a module share Wasmtime stores, never instances: every run sees a fresh instance (the probe's
 * {@code /counter} is 1 on every request), whatever the runs before it did, and every store is disposed once.
 */
class StoreReuseTest {

    private static final long MIB = Limits.MIB;

    private static App probe(WasmHost host) {
        return Guests.load(host, "probe", new AppConfig("probe", null, Map.of(), Guests.DEADLINE_LIMITS));
    }

    private static WasmHost host(WasmtimeEngine engine, int idleModules) {
        return new WasmHost(engine, HostServices.of((app, stream, level, text) -> { }), idleModules);
    }

    private static void assertFresh(WasmHost host, App app) {
        assertEquals("count=1\n", Guests.ok(Guests.get(host, app, "/counter")));
    }

    @Test
    void runsShareAStoreButEachGetsAFreshInstance() {
        var engine = new WasmtimeEngine();
        try (WasmHost host = host(engine, 4)) {
            App app = probe(host);
            for (int i = 0; i < 20; i++) {
                assertFresh(host, app);
            }
            assertEquals(1, engine.storesMade(), "one thread, one module: one store");
        }
        assertEquals(0, engine.liveStores());
    }

    @Test
    void aTrapOrATimeoutLeavesTheStoreServingFreshInstances() {
        var engine = new WasmtimeEngine();
        try (WasmHost host = host(engine, 4)) {
            App app = probe(host);
            assertFresh(host, app);
            Guests.assertFailure(Guests.get(host, app, "/trap"), 533, "trap");
            assertFresh(host, app);
            Guests.assertFailure(Guests.get(host, app, "/loop"), 532, "timeout");
            assertFresh(host, app);
            assertEquals(1, engine.storesMade(), "the store outlived the trap and the epoch interrupt");
        }
    }

    @Test
    void aStoreIsRetiredAfterItsInstancesOrItsMemory() {
        var engine = new WasmtimeEngine(new StoreReuse(3, 8 * MIB, 4, 512 * MIB, 4096));
        try (WasmHost host = host(engine, 4)) {
            App app = probe(host);
            for (int i = 0; i < 7; i++) {
                assertFresh(host, app);
            }
            assertEquals(3, engine.storesMade(), "three instances a store");
            assertEquals(1, engine.liveStores(), "the spent ones are disposed");
            // grows to its cap of 16 MiB: past the store's 8 MiB, so the store goes with it
            Guests.assertFailure(Guests.get(host, app, "/membomb"), 531, "out-of-memory");
            assertFresh(host, app);
            assertEquals(4, engine.storesMade());
            assertEquals(1, engine.liveStores());
        }
        assertEquals(0, engine.liveStores());
    }

    @Test
    void closingTheHostDisposesEveryStoreOnceWhateverThreadsRanThem() throws Exception {
        var engine = new WasmtimeEngine();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (WasmHost host = host(engine, 4)) {
            App app = probe(host);
            List<Callable<String>> runs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                runs.add(() -> Guests.ok(Guests.get(host, app, "/counter")));
            }
            for (Future<String> run : workers.invokeAll(runs)) {
                assertEquals("count=1\n", run.get());
            }
            assertTrue(engine.storesMade() >= 1 && engine.storesMade() <= 40, "made " + engine.storesMade());
        } finally {
            workers.shutdownNow();
        }
        assertEquals(0, engine.liveStores(), "every store made was disposed, once");
    }

    @Test
    void aModuleClosedByTheCacheTakesItsStoresAlong() {
        var engine = new WasmtimeEngine();
        try (WasmHost host = host(engine, 0)) { // no idle modules: each run's module is closed when it ends
            App app = probe(host);
            for (int i = 0; i < 3; i++) {
                assertFresh(host, app);
                assertEquals(0, engine.liveStores(), "the closed module left no store behind");
            }
            assertEquals(3, engine.storesMade(), "each run compiled the module again, with a store of its own");
        }
        var again = new WasmtimeEngine();
        try (WasmHost host = host(again, 4)) {
            App app = probe(host);
            assertFresh(host, app);
            assertEquals(1, again.liveStores());
            assertEquals(1, host.evictIdle(sha -> true), "the module was idle, and is evicted");
            assertEquals(0, again.liveStores());
            assertFresh(host, app); // compiled again, in a new store
            assertEquals(2, again.storesMade());
        }
    }
}
