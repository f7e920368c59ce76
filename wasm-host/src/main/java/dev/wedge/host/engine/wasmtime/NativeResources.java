package dev.wedge.host.engine.wasmtime;

import io.github.kawamuray.wasmtime.Disposable;
import io.github.kawamuray.wasmtime.Store;
import java.util.ArrayList;
import java.util.List;

/** The native objects of one instance, disposed together: last created first, the store at the very end. */
final class NativeResources implements AutoCloseable {

    private final Store<?> store;
    private final List<Disposable> owned = new ArrayList<>();
    private boolean closed;

    NativeResources(Store<?> store) {
        this.store = store;
    }

    <T extends Disposable> T add(T resource) {
        owned.add(resource);
        return resource;
    }

    @Override
    public void close() {
        if (closed) {
            return; // disposing twice crashes the JVM
        }
        closed = true;
        dispose(owned.size() - 1);
    }

    /** Disposes item {@code i} and everything before it, then the store, even if one dispose fails. */
    private void dispose(int i) {
        if (i < 0) {
            store.dispose();
            return;
        }
        try {
            owned.get(i).dispose();
        } finally {
            dispose(i - 1);
        }
    }
}
