package dev.wedge.host.app;

import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import java.util.List;

/** The {@code proxy_abi_version_X_Y_Z} marker a proxy-wasm filter exports; this host speaks 0.2.0 and 0.2.1. */
public final class ProxyAbiVersion {

    public static final List<String> SUPPORTED = List.of("0_2_0", "0_2_1");
    private static final String PREFIX = "proxy_abi_version_";

    private ProxyAbiVersion() {}

    /** The version the module declares (e.g. {@code 0_2_1}), or null when it is no proxy-wasm filter. */
    public static String declared(ModuleInfo info) {
        return info.exportedFunctions().keySet().stream().filter(name -> name.startsWith(PREFIX))
                .map(name -> name.substring(PREFIX.length())).sorted().reduce((a, b) -> b).orElse(null);
    }

    /** @throws ModuleLoadException unless the module declares a version this host speaks */
    public static void check(ModuleInfo info) throws ModuleLoadException {
        String version = declared(info);
        if (version == null || !SUPPORTED.contains(version)) {
            throw new ModuleLoadException(Problem.UNKNOWN_ABI, version == null
                    ? "a cdn app must export proxy_abi_version_0_2_0 or proxy_abi_version_0_2_1"
                    : "unsupported proxy-wasm ABI version " + version.replace('_', '.')
                            + "; this host speaks 0.2.0 and 0.2.1");
        }
    }
}
