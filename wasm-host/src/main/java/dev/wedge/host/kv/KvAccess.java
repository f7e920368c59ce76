package dev.wedge.host.kv;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.HostWait;
import dev.wedge.host.abi.Status;
import dev.wedge.host.capability.RunListener;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.kv.KvException;
import dev.wedge.kv.KvStore;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.KvStores;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One request's access to the node's stores: which ones the app may open, the handles it opened, and the one
 * way every store call is awaited and its failures turned into statuses.
 */
public final class KvAccess {

    /** An opened store: its name, the app's namespace in it, and the store's limits. */
    public record Opened(String name, KvStore view, KvStoreConfig config) {}

    private final KvStores stores;
    private final Set<String> bound;
    private final String app;
    private final RunDeadline deadline;
    private final RunListener listener;
    private final List<Opened> handles = new ArrayList<>();

    public KvAccess(KvStores stores, Set<String> bound, String app, RunDeadline deadline, RunListener listener) {
        this.stores = stores;
        this.bound = bound;
        this.app = app;
        this.deadline = deadline;
        this.listener = listener;
    }

    int open(String name) {
        KvStores.Entry entry = stores.get(name);
        if (entry == null) {
            throw new AbiException(Status.NO_SUCH_STORE, "no store " + name);
        }
        if (!bound.contains(name)) {
            throw new AbiException(Status.ACCESS_DENIED, "store " + name + " is not bound to " + app);
        }
        for (int handle = 0; handle < handles.size(); handle++) { // so a loop of opens holds one handle per store
            if (handles.get(handle).name().equals(name)) {
                return handle;
            }
        }
        handles.add(new Opened(name, stores.view(name, app), entry.config()));
        return handles.size() - 1;
    }

    Opened handle(int handle) {
        if (handle < 0 || handle >= handles.size()) {
            throw new AbiException(Status.BAD_ARGUMENT, "no open store with handle " + handle);
        }
        return handles.get(handle);
    }

    /** Waits for a store call on the guest's thread, times it, and maps its failures to statuses. */
    <T> T await(String operation, Opened store, Future<T> call) {
        try {
            return listener.timed(app, "kv", operation,
                    () -> HostWait.await(call, store.config().timeout(), deadline));
        } catch (KvException e) {
            throw new AbiException(status(e.kind()), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AbiException(Status.BAD_ARGUMENT, e.getMessage()); // e.g. a cursor this store never gave
        }
    }

    private static Status status(KvException.Kind kind) {
        return switch (kind) {
            case TIMEOUT -> Status.TIMEOUT;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case WRONG_VALUE -> Status.BAD_ARGUMENT;
            case VALUE_TOO_LARGE -> Status.VALUE_TOO_LARGE;
        };
    }
}
