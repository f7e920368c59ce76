package dev.wedge.host.client;

import static dev.wedge.host.abi.AbiFunction.wedge;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.WithoutSettings;
import dev.wedge.host.http.AppRequest;
import java.util.List;
import java.util.Locale;

/**
 * Who the client is and where, and where the PoP is: set on each request as FastEdge's headers before the app
 * runs (so WAGI apps see them as CGI variables too), and read by name with {@code wedge.client_info}. The
 * node's {@link ClientLocator} is a node resource; apps have no settings of their own here.
 */
public final class ClientCapability extends WithoutSettings<ClientInfo> {

    @Override
    public List<AbiFunction<ClientInfo>> imports() {
        return List.of(wedge("client_info", 5, (ClientInfo info, HostCall call) -> call.writeText(2, 3, 4,
                () -> info.values().get(call.utf8(0, 1).toLowerCase(Locale.ROOT)))));
    }

    /** Without a request (a queue message): the PoP's values. */
    @Override
    public ClientInfo newState(Scope scope) {
        return locator(scope).withoutClient();
    }

    /** The request as the app is to see it, its client located; the run's state for {@code client_info}. */
    public AppRequest locate(Scope scope, AppRequest request) {
        ClientInfo info = scope.put(this, locator(scope).locate(request));
        return info.applyTo(request);
    }

    private static ClientLocator locator(Scope scope) {
        return scope.node().get(ClientLocator.class, ClientLocator.NONE);
    }
}
