package dev.wedge.host.module;

import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ModuleLoadException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Compiled modules keyed by content and by what changes the compiled code (engine, memory cap): a module used
 * by many apps or routes is compiled once. Each run of an app holds a lease on its module; a module no run
 * leases stays compiled (the app's next request, or a rollback to it, is instant) until more than
 * {@code idleCapacity} such modules pile up, then the least recently released is closed and compiled again
 * when next needed, or until its module is gone from the node ({@link #evictIdle}). So the compiled code a node
 * holds is bounded by that capacity plus the modules running now, however many apps it has. Failures are not
 * cached, so a fixed upload can be retried.
 */
public final class ModuleCache implements AutoCloseable {

    /** @param trusted compiled without validation (see {@link dev.wedge.host.engine.WasmEngine#compile}) */
    public record Key(String sha256, String engine, long memoryCapBytes, boolean trusted) {}

    @FunctionalInterface
    public interface Compiler {
        CompiledModule compile() throws ModuleLoadException;
    }

    public static final int DEFAULT_IDLE_CAPACITY = 64;

    private final int idleCapacity;
    private final Map<Key, Object> compiling = new ConcurrentHashMap<>();
    // Guarded by this. Leased modules with their lease count; idle ones in release order (eldest first).
    private final Map<Key, Leased> leased = new HashMap<>();
    private final LinkedHashMap<Key, CompiledModule> idle = new LinkedHashMap<>();
    private boolean closed;

    private static final class Leased {
        final CompiledModule module;
        int leases;

        Leased(CompiledModule module) {
            this.module = module;
        }
    }

    public ModuleCache() {
        this(DEFAULT_IDLE_CAPACITY);
    }

    public ModuleCache(int idleCapacity) {
        this.idleCapacity = idleCapacity;
    }

    /** The compiled module, compiling it at most once at a time; pair every call with {@link #release}. */
    public CompiledModule acquire(Key key, Compiler compiler) throws ModuleLoadException {
        CompiledModule cached = lease(key);
        if (cached != null) {
            return cached;
        }
        // One lock per module: compiling it twice in a race wastes hundreds of milliseconds, while different
        // modules compile in parallel.
        synchronized (compiling.computeIfAbsent(key, k -> new Object())) {
            try {
                cached = lease(key);
                if (cached != null) {
                    return cached;
                }
                CompiledModule compiled = compiler.compile();
                CompiledModule existing;
                synchronized (this) {
                    if (closed) {
                        compiled.close();
                        throw new IllegalStateException("the module cache is closed");
                    }
                    // After a failed compile, a waiter and a newcomer may both have compiled: keep the first.
                    existing = lease(key);
                    if (existing == null) {
                        var entry = new Leased(compiled);
                        entry.leases = 1;
                        leased.put(key, entry);
                    }
                }
                if (existing != null) {
                    compiled.close();
                    return existing;
                }
                return compiled;
            } finally {
                compiling.remove(key);
            }
        }
    }

    /** The module if it is compiled already, leased (pair with {@link #release}); null otherwise. */
    public CompiledModule acquireCompiled(Key key) {
        return lease(key);
    }

    private synchronized CompiledModule lease(Key key) {
        Leased entry = leased.get(key);
        if (entry == null) {
            CompiledModule waiting = idle.remove(key);
            if (waiting == null) {
                return null;
            }
            entry = new Leased(waiting);
            leased.put(key, entry);
        }
        entry.leases++;
        return entry.module;
    }

    /** Gives back one lease; the module stays compiled while it is among the most recently idle. */
    public void release(Key key) {
        List<CompiledModule> evicted = new ArrayList<>();
        synchronized (this) {
            Leased entry = leased.get(key);
            if (entry == null || --entry.leases > 0) {
                return;
            }
            leased.remove(key);
            idle.put(key, entry.module);
            var eldest = idle.entrySet().iterator();
            while (idle.size() > idleCapacity) {
                evicted.add(eldest.next().getValue());
                eldest.remove();
            }
        }
        evicted.forEach(CompiledModule::close); // outside the lock: disposing native code may take a while
    }

    /**
     * Closes the idle modules whose sha256 {@code gone} accepts: their module was deleted, so nothing will lease
     * them again and they would only hold memory (a Chicory module's code and classes, Wasmtime's native code)
     * until the LRU reached them. Leased modules stay: a version still runs them.
     *
     * @return how many were closed
     */
    public int evictIdle(Predicate<String> gone) {
        List<CompiledModule> evicted = new ArrayList<>();
        synchronized (this) {
            var entries = idle.entrySet().iterator();
            while (entries.hasNext()) {
                var entry = entries.next();
                if (gone.test(entry.getKey().sha256())) {
                    evicted.add(entry.getValue());
                    entries.remove();
                }
            }
        }
        evicted.forEach(CompiledModule::close);
        return evicted.size();
    }

    /** Modules compiled and kept: leased plus idle. */
    public synchronized int size() {
        return leased.size() + idle.size();
    }

    @Override
    public void close() {
        List<CompiledModule> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            leased.values().forEach(entry -> all.add(entry.module));
            all.addAll(idle.values());
            leased.clear();
            idle.clear();
        }
        all.forEach(CompiledModule::close);
    }
}
