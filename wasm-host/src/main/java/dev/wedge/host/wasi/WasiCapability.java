package dev.wedge.host.wasi;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.WithoutSettings;
import dev.wedge.host.engine.FunctionImport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * WASI preview 1 ({@link WasiPreview1}): what C and other toolchains' runtimes import. A WAGI app's process is
 * made by the runner (CGI arguments, environment, the request body as stdin); any other run gets the app's name
 * as its argument, its environment, no stdin, and stdout and stderr as logs.
 */
public final class WasiCapability extends WithoutSettings<WasiProcess> {

    private static final String UNSTABLE = "wasi_unstable";

    private final WasiPreview1 wasi = new WasiPreview1(new SecureRandom());

    /**
     * Preview 1, also under its older module name {@code wasi_unstable} (AssemblyScript proxy-wasm filters of
     * the 0.2.0 era import it): the calls they use have the same shape in both.
     */
    @Override
    public List<AbiFunction<WasiProcess>> imports() {
        List<AbiFunction<WasiProcess>> all = new ArrayList<>(wasi.functions());
        wasi.<WasiProcess>functions().forEach(function -> all.add(new AbiFunction<>(UNSTABLE, function.name(),
                function.signature(), function.errors(), function.impl())));
        return all;
    }

    @Override
    public Map<String, Function<FunctionImport, AbiFunction<WasiProcess>>> fallbacks() {
        return Map.of(WasiPreview1.MODULE, WasiPreview1::unimplemented, UNSTABLE, wanted -> {
            AbiFunction<WasiProcess> stub = WasiPreview1.unimplemented(wanted);
            return stub == null ? null : new AbiFunction<>(UNSTABLE, stub.name(), stub.signature(), stub.errors(),
                    stub.impl());
        });
    }

    @Override
    public WasiProcess newState(Scope scope) {
        AppConfig app = scope.app();
        long logBytes = app.limits().maxLogBytes();
        return WasiProcess.of(app, BoundedOutput.lenient(logBytes), BoundedOutput.lenient(logBytes));
    }
}
