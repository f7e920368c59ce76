package dev.wedge.host.http;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.WithoutSettings;
import java.util.List;

/**
 * The request being served, the response, the app's environment and secrets, and its log: the core of every
 * http app. Its settings ({@code env}, {@code secrets}) are every app's, so it reads none of its own.
 */
public final class HttpCapability extends WithoutSettings<HttpExchange> {

    @Override
    public List<AbiFunction<HttpExchange>> imports() {
        return HttpImports.functions();
    }

    /** Outside an HTTP request (a queue message): configuration and log only. */
    @Override
    public HttpExchange newState(Scope scope) {
        return exchange(scope.app(), null, null);
    }

    /** The state of a run serving {@code request}; {@code response} null where the app answers on stdout. */
    public static HttpExchange exchange(AppConfig app, AppRequest request, ResponseBuilder response) {
        return new HttpExchange(request, response, app.env(), app.secrets(), app.limits().maxLogBytes());
    }
}
