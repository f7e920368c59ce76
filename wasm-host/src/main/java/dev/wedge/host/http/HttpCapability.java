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
 * The request being served, the response, the app's environment, its log and its diagnostic text: the core of
 * every http app. Its own settings are {@code request-headers} and {@code response-headers}; {@code env} is every
 * app's.
 */
public final class HttpCapability implements Capability<HttpSettings, HttpExchange> {

    public static final SettingsKey<HttpSettings> SETTINGS = new SettingsKey<>("http", HttpSettings.NONE);

    @Override
    public SettingsKey<HttpSettings> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(HttpSettings.REQUEST_HEADERS, HttpSettings.RESPONSE_HEADERS);
    }

    @Override
    public HttpSettings readSettings(Section app, SettingsContext context) throws ConfigException {
        return HttpSettings.read(app);
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
        return new HttpExchange(request, response, app.env(), app.limits().maxLogBytes());
    }
}
