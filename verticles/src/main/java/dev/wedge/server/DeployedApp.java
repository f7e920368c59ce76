package dev.wedge.server;

import dev.wedge.host.WasmHost;
import dev.wedge.host.app.App;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.queue.Message;
import java.nio.file.Path;

/**
 * An app loaded on this node: the host (engine) that runs it, where its module came from, and the gate that
 * bounds its concurrent requests.
 */
public record DeployedApp(App app, WasmHost host, Path source, AppGate gate) {

    public String name() {
        return app.name();
    }

    /** Blocks while the guest runs: call on a worker thread. */
    AppResponse handle(AppRequest request) {
        return host.handle(app, request);
    }

    /** Blocks while the guest handles the message: call on a worker thread. */
    AppResponse handleMessage(Message message) {
        return host.handleMessage(app, message);
    }
}
