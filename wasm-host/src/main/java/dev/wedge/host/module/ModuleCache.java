package dev.wedge.host.module;

import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ModuleLoadException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled modules keyed by content and by what changes the compiled code (engine, memory cap): a module used
 * by many apps or routes is compiled once. Failures are not cached, so a fixed upload can be retried.
 */
public final class ModuleCache implements AutoCloseable {

    public record Key(String sha256, String engine, long memoryCapBytes) {}

    @FunctionalInterface
    public interface Compiler {
        CompiledModule compile() throws ModuleLoadException;
    }

    private final Map<Key, CompiledModule> modules = new ConcurrentHashMap<>();
    private final Map<Key, Object> compiling = new ConcurrentHashMap<>();

    public CompiledModule get(Key key, Compiler compiler) throws ModuleLoadException {
        CompiledModule cached = modules.get(key);
        if (cached != null) {
            return cached;
        }
        // One lock per module: compiling it twice in a race wastes hundreds of milliseconds, while different
        // modules compile in parallel.
        synchronized (compiling.computeIfAbsent(key, k -> new Object())) {
            try {
                cached = modules.get(key);
                if (cached == null) {
                    cached = compiler.compile();
                    modules.put(key, cached);
                }
                return cached;
            } finally {
                compiling.remove(key);
            }
        }
    }

    @Override
    public void close() {
        modules.values().forEach(CompiledModule::close);
        modules.clear();
    }
}
