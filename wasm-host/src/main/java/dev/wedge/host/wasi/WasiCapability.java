package dev.wedge.host.wasi;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.WithoutSettings;
import dev.wedge.host.engine.FunctionImport;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * WASI preview 1 ({@link WasiPreview1}): what C and other toolchains' runtimes import. A WAGI app's process is
 * made by the runner (CGI arguments, environment, the request body as stdin); any other run gets the app's name
 * as its argument, its environment, no stdin, and stdout and stderr as logs.
 */
public final class WasiCapability extends WithoutSettings<WasiProcess> {

    private final WasiPreview1 wasi = new WasiPreview1(new SecureRandom());

    @Override
    public List<AbiFunction<WasiProcess>> imports() {
        return wasi.functions();
    }

    @Override
    public Map<String, Function<FunctionImport, AbiFunction<WasiProcess>>> fallbacks() {
        return Map.of(WasiPreview1.MODULE, WasiPreview1::unimplemented);
    }

    @Override
    public WasiProcess newState(Scope scope) {
        AppConfig app = scope.app();
        long logBytes = app.limits().maxLogBytes();
        List<String> environ = app.env().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
        return new WasiProcess(List.of(app.name()), environ, new byte[0], BoundedOutput.lenient(logBytes),
                BoundedOutput.lenient(logBytes));
    }
}
