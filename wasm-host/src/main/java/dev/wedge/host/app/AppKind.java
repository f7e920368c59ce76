package dev.wedge.host.app;

import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import java.util.Locale;

/** How an app takes requests: through the wedge ABI, or as a CGI program (WAGI). See docs/abi.md. */
public enum AppKind {
    HTTP("wedge_on_request"),
    WAGI("_start");

    private final String entryPoint;

    AppKind(String entryPoint) {
        this.entryPoint = entryPoint;
    }

    public String entryPoint() {
        return entryPoint;
    }

    public static AppKind parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "http" -> HTTP;
            case "wagi" -> WAGI;
            default -> throw new IllegalArgumentException("unknown app kind '" + text + "' (http or wagi)");
        };
    }

    /** The kind a module's exports say it is; an explicit kind must find its entry point too. */
    public static AppKind of(ModuleInfo info, AppKind requested) throws ModuleLoadException {
        if (requested != null) {
            if (!info.exports(requested.entryPoint)) {
                throw new ModuleLoadException("a " + requested.label() + " app must export " + requested.entryPoint);
            }
            return requested;
        }
        for (AppKind kind : values()) {
            if (info.exports(kind.entryPoint)) {
                return kind;
            }
        }
        throw new ModuleLoadException("no handler: the module exports neither wedge_on_request (http app) "
                + "nor _start (WAGI app)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
