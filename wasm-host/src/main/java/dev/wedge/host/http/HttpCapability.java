package dev.wedge.host.http;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.capability.Capability;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.List;
import java.util.Set;

/**
 * The request being served, the response, the app's environment and secrets, and its log: the core of every
 * http app. Of its settings, {@code env} and {@code secrets} are every app's; its own is {@code request-headers}.
 */
public final class HttpCapability implements Capability<AddedRequestHeaders, HttpExchange> {

    public static final SettingsKey<AddedRequestHeaders> SETTINGS = new SettingsKey<>(AddedRequestHeaders.KEY,
            AddedRequestHeaders.NONE);

    @Override
    public SettingsKey<AddedRequestHeaders> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(AddedRequestHeaders.KEY);
    }

    @Override
    public AddedRequestHeaders readSettings(Section app, SettingsContext context) throws ConfigException {
        return AddedRequestHeaders.read(app);
    }

    /** The request as the app sees it: with its {@code request-headers} set. */
    public static AppRequest asSeenBy(AppConfig app, AppRequest request) {
        return app.settings().get(SETTINGS).applyTo(request);
    }

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
