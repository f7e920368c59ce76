package dev.wedge.host;

import dev.wedge.host.run.AppLog;
import dev.wedge.host.run.RunListener;
import dev.wedge.kv.KvStores;
import dev.wedge.queue.Queues;

/** What a node gives its Wasm hosts: where app logs go, its stores and queues, and who watches the runs. */
public record HostServices(AppLog log, KvStores kvStores, Queues queues, RunListener listener) {

    /** Logs only: no stores, no queues, no metrics. */
    public static HostServices of(AppLog log) {
        return new HostServices(log, KvStores.none(), Queues.none(), RunListener.NONE);
    }

    public HostServices withKvStores(KvStores stores) {
        return new HostServices(log, stores, queues, listener);
    }

    public HostServices withQueues(Queues value) {
        return new HostServices(log, kvStores, value, listener);
    }

    public HostServices withListener(RunListener value) {
        return new HostServices(log, kvStores, queues, value);
    }
}
