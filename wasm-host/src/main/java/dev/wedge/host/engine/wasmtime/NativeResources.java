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

    /** Disposes item {@code i} and everything before it, even if one dispose fails. */
    private void dispose(int i) {
        if (i < 0) {
            return;
        }
        try {
            owned.get(i).dispose();
        } finally {
            dispose(i - 1);
        }
    }
}
