package dev.wedge.bench;

import dev.wedge.host.WasmHost;
import dev.wedge.host.app.App;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.engine.ModuleLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A host with one benchmark guest loaded; app logs are dropped. */
final class BenchHost {

    final WasmHost host;
    final App app;

    BenchHost(String engine, String guest) {
        this.host = WasmHost.create(engine, (app, stream, level, text) -> { });
        try {
            this.app = host.load(bytes(guest), AppConfig.named(guest));
        } catch (ModuleLoadException e) {
            throw new IllegalStateException("benchmark guest " + guest + " does not load", e);
        }
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
