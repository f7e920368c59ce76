package dev.wedge.bench;

import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.kv.KvBinding;
import dev.wedge.host.kv.KvCapability;
import dev.wedge.host.queue.QueueBinding;
import dev.wedge.host.queue.QueueCapability;
import dev.wedge.host.run.App;
import dev.wedge.kv.KvStores;
import dev.wedge.queue.Message;
import dev.wedge.queue.Queues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A host with one benchmark guest loaded; app logs are dropped. */
final class BenchHost implements AutoCloseable {

    private final WasmHost host;
    private final App app;

    BenchHost(String engine, String guest) {
        this(engine, guest, KvStores.none());
    }

    /** A host on an engine built for the benchmark (e.g. with a non-default option). */
    BenchHost(WasmEngine engine, String guest) {
        this(new WasmHost(engine, HostServices.of((app, stream, level, text) -> { })), guest, KvStores.none(),
                Queues.none());
    }

    /** A host whose guest is bound to the store {@code default} of {@code stores}. */
    BenchHost(String engine, String guest, KvStores stores) {
        this(engine, guest, stores, Queues.none());
    }

    /** A host whose guest may also publish to any topic of every queue of {@code queues}. */
    BenchHost(String engine, String guest, KvStores stores, Queues queues) {
        this(BenchEngines.host(engine,
                HostServices.of((app, stream, level, text) -> { }).with(KvStores.class, stores).with(Queues.class, queues)),
                guest, stores, queues);
    }

    /** A host whose guest runs with {@code config} (its environment, secrets, ...) and the node's {@code services}. */
    BenchHost(String engine, HostServices services, String guest, AppConfig config) {
        this(BenchEngines.host(engine, services), guest, KvStores.none(), Queues.none(), config);
    }

    /** The same on an engine built for the benchmark. */
    BenchHost(WasmEngine engine, HostServices services, String guest, AppConfig config) {
        this(new WasmHost(engine, services), guest, KvStores.none(), Queues.none(), config);
    }

    /** Node services that drop the app's logs, as every benchmark host does. */
    static HostServices quietServices() {
        return HostServices.of((app, stream, level, text) -> { });
    }

    private BenchHost(WasmHost host, String guest, KvStores stores, Queues queues) {
        this(host, guest, stores, queues, AppConfig.named(guest));
    }

    private BenchHost(WasmHost host, String guest, KvStores stores, Queues queues, AppConfig config) {
        this.host = host;
        Map<String, Set<String>> topics = new HashMap<>();
        queues.names().forEach(queue -> topics.put(queue, Set.of(QueueBinding.ANY_TOPIC)));
        try {
            this.app = host.load(bytes(guest), config
                    .with(KvCapability.SETTINGS, new KvBinding(stores.names()))
                    .with(QueueCapability.SETTINGS, new QueueBinding("bench", topics)));
        } catch (ModuleLoadException e) {
            throw new IllegalStateException("benchmark guest " + guest + " does not load", e);
        }
    }

    /** Runs one request; anything but a 200 means the benchmark measures the wrong thing. */
    AppResponse handle(AppRequest request) {
        return handle(request, 200);
    }

    /** Runs one request; anything but {@code status} means the benchmark measures the wrong thing. */
    AppResponse handle(AppRequest request, int status) {
        AppResponse response = app.handle(request);
        if (response.status() != status) {
            throw new IllegalStateException(app.name() + " answered " + response.status());
        }
        return response;
    }

    /** Runs one request whatever it answers: a CDN case compares the whole answer with its Java floor's. */
    AppResponse run(AppRequest request) {
        return app.handle(request);
    }

    /** Runs the guest's message handler; anything but success means the benchmark measures the wrong thing. */
    void handleMessage(Message message) {
        AppResponse response = app.handleMessage(message);
        if (response.error() != null) {
            throw new IllegalStateException(app.name() + " failed a message: " + response.error());
        }
    }

    @Override
    public void close() {
        host.close();
    }

    private static byte[] bytes(String guest) {
        try (InputStream in = BenchHost.class.getResourceAsStream("/guests/" + guest + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("missing guest " + guest + ".wasm; run scripts/build-guests.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
