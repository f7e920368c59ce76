package dev.wedge.host.engine.wasmtime;

import io.github.kawamuray.wasmtime.Disposable;
import java.util.ArrayList;
import java.util.List;

/**
 * Native handles disposed together, last created first, exactly once: wasmtime-java frees a handle's native box
 * on dispose, and using or disposing it again reads freed memory (the JVM crashes).
 */
final class NativeResources implements AutoCloseable {

    private final List<Disposable> owned = new ArrayList<>();
    private boolean closed;

    <T extends Disposable> T add(T resource) {
        if (closed) {
            resource.dispose();
            throw new IllegalStateException("native resources already disposed");
        }
        owned.add(resource);
        return resource;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dispose(owned.size() - 1);
    }

    /**
     * Disposes item {@code last} and everything before it, even if one dispose fails (the first failure is thrown
     * at the end). A loop, not recursion: an instance called many times holds a handle per call.
     */
    private void dispose(int last) {
        RuntimeException failed = null;
        for (int i = last; i >= 0; i--) {
            try {
                owned.get(i).dispose();
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
