package dev.wedge.bench;

import dev.wedge.host.WasmHost;
import dev.wedge.host.app.App;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.kv.KvStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A host with one benchmark guest loaded; app logs are dropped. */
final class BenchHost implements AutoCloseable {

    private final WasmHost host;
    private final App app;

    BenchHost(String engine, String guest) {
        this(engine, guest, KvStores.none());
    }

    /** A host whose guest is bound to the store {@code default} of {@code stores}. */
    BenchHost(String engine, String guest, KvStores stores) {
        this.host = WasmHost.create(engine, (app, stream, level, text) -> { }, stores);
        try {
            this.app = host.load(bytes(guest), AppConfig.named(guest).withKvStores(stores.names()));
        } catch (ModuleLoadException e) {
            throw new IllegalStateException("benchmark guest " + guest + " does not load", e);
        }
    }

    /** Runs one request; anything but a 200 means the benchmark measures the wrong thing. */
    AppResponse handle(AppRequest request) {
        AppResponse response = host.handle(app, request);
        if (response.status() != 200) {
            throw new IllegalStateException(app.name() + " answered " + response.status());
        }
        return response;
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
