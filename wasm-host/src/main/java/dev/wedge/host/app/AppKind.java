package dev.wedge.host.app;

import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import dev.wedge.host.engine.Signature;
import dev.wedge.host.engine.ValueType;
import java.util.List;
import java.util.Locale;

/**
 * How an app takes requests: through the wedge ABI, as a CGI program (WAGI), or as a proxy-wasm filter in front
 * of an origin (a CDN app). See docs/abi.md.
 */
public enum AppKind {
    HTTP("wedge_on_request", new Signature(List.of(), List.of(ValueType.I32))),
    WAGI("_start", new Signature(List.of(), List.of())),
    /** Only triggered by queue messages; any app may also export the message handler. */
    MESSAGE("wedge_on_message", new Signature(List.of(), List.of(ValueType.I32))),
    /** A proxy-wasm filter (docs/cdn-apps.md): recognised by its {@code proxy_abi_version_0_2_x} export. */
    CDN("proxy_on_context_create", new Signature(List.of(ValueType.I32, ValueType.I32), List.of()));

    /** Reactors export it to run their constructors; it takes and returns nothing. */
    public static final String INITIALIZE = "_initialize";
    private static final Signature NOTHING = new Signature(List.of(), List.of());

    private final String entryPoint;
    private final Signature signature;

    AppKind(String entryPoint, Signature signature) {
        this.entryPoint = entryPoint;
        this.signature = signature;
    }

    public String entryPoint() {
        return entryPoint;
    }

    public static AppKind parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "http" -> HTTP;
            case "wagi" -> WAGI;
            case "message" -> MESSAGE;
            case "cdn" -> CDN;
            default -> throw new IllegalArgumentException(
                    "unknown app kind '" + text + "' (http, wagi, message or cdn)");
        };
    }

    /** The kind a module's exports say it is; an explicit kind must find its entry point too. */
    public static AppKind of(ModuleInfo info, AppKind requested) throws ModuleLoadException {
        AppKind kind = requested != null ? requested : detect(info);
        if (!info.exports(kind.entryPoint)) {
            throw new ModuleLoadException(Problem.MISSING_HANDLER,
                    "a " + kind.label() + " app must export " + kind.entryPoint);
        }
        expectType(info, kind.entryPoint, kind.signature);
        if (info.exports(INITIALIZE)) {
            expectType(info, INITIALIZE, NOTHING);
        }
        if (info.exports(MESSAGE.entryPoint)) {
            expectType(info, MESSAGE.entryPoint, MESSAGE.signature);
        }
        return kind;
    }

    private static AppKind detect(ModuleInfo info) throws ModuleLoadException {
        if (ProxyAbiVersion.declared(info) != null) { // before WAGI: AssemblyScript filters export _start too
            return CDN;
        }
        for (AppKind kind : values()) {
            if (info.exports(kind.entryPoint)) {
                return kind;
            }
        }
        throw new ModuleLoadException(Problem.MISSING_HANDLER,
                "no handler: the module exports none of wedge_on_request (http app), "
                + "_start (WAGI app), wedge_on_message (message app) and proxy_abi_version_0_2_1 (cdn app)");
    }

    private static void expectType(ModuleInfo info, String export, Signature expected) throws ModuleLoadException {
        Signature actual = info.exportedFunctions().get(export);
        if (!expected.equals(actual)) {
            throw new ModuleLoadException(Problem.MISSING_HANDLER,
                    "export " + export + " has type " + actual + ", expected " + expected);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
