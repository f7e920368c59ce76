package dev.wedge.host.run;

import dev.wedge.host.abi.ImportCatalog;
import dev.wedge.host.app.App;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.WasmInstance;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.HttpImports;
import dev.wedge.host.kv.KvAccess;
import dev.wedge.host.kv.KvImports;
import dev.wedge.kv.KvStores;
import dev.wedge.host.wasi.WasiPreview1;
import java.security.SecureRandom;
import java.util.List;

/**
 * Runs one request in a fresh instance on the calling (worker) thread and turns whatever happened into a
 * response: the app's own, or one of the {@link Failure} answers. Never throws for anything a guest does.
 */
public final class AppRunner {

    private final ImportCatalog<RequestScope> imports;
    private final AppLog log;
    private final KvStores kvStores;

    public AppRunner(AppLog log, KvStores kvStores) {
        this.log = log;
        this.kvStores = kvStores;
        this.imports = new ImportCatalog<RequestScope>()
                .add(HttpImports.functions())
                .add(KvImports.functions())
                .add(new WasiPreview1(new SecureRandom()).functions())
                .fallback(WasiPreview1.MODULE, WasiPreview1::unimplemented);
    }

    /** The imports apps may use; the loader checks modules against it. */
    public ImportCatalog<?> imports() {
        return imports;
    }

    public AppResponse handle(App app, AppRequest request) {
        long deadline = System.nanoTime() + app.config().limits().timeout().toNanos();
        RequestScope scope = newScope(app, request, new KvAccess(kvStores, app.config().kvStores(), app.name(), deadline));
        try (WasmInstance instance = app.module().instantiate(imports.bind(scope), deadline)) {
            return run(app, instance, scope);
        } catch (GuestTrap trap) {
            return trap.kind() == GuestTrap.Kind.TIMEOUT
                    ? Failure.TIMEOUT.respond("the app ran past its deadline of " + app.config().limits().timeout().toMillis() + " ms")
                    : Failure.LOAD_FAILED.respond("the app could not be instantiated: " + trap.getMessage());
        } finally {
            AppLogs.flush(log, app.name(), scope);
        }
    }

    private static RequestScope newScope(App app, AppRequest request, KvAccess kv) {
        if (app.kind() == AppKind.WAGI) {
            return new RequestScope(app, request, CgiEnvironment.arguments(request),
                    CgiEnvironment.variables(request, app.config().env()), kv);
        }
        List<String> environ = app.config().env().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .toList();
        return new RequestScope(app, request, List.of(app.name()), environ, kv);
    }

    private static AppResponse run(App app, WasmInstance instance, RequestScope scope) {
        Integer handlerResult = null;
        try {
            if (app.module().info().exports("_initialize")) {
                instance.call("_initialize");
            }
            long[] results = instance.call(app.kind().entryPoint());
            handlerResult = results.length > 0 ? (int) results[0] : 0;
        } catch (GuestTrap trap) {
            if (scope.exitCode() == null) {
                return TrapClassifier.respond(app, instance, trap);
            }
        }
        return app.kind() == AppKind.WAGI ? wagiResponse(scope) : httpResponse(scope, handlerResult);
    }

    private static AppResponse httpResponse(RequestScope scope, Integer handlerResult) {
        int result = handlerResult != null ? handlerResult : scope.exitCode();
        if (scope.response().overflowed()) {
            return Failure.RESPONSE_TOO_LARGE.respond("the app's response passed its size limit");
        }
        if (result != 0) {
            return Failure.HANDLER_FAILED.respond("the app reported failure (" + result + ")");
        }
        return scope.response().build();
    }

    private static AppResponse wagiResponse(RequestScope scope) {
        if (scope.stdout().overflowed()) {
            return Failure.RESPONSE_TOO_LARGE.respond("the app's output passed its size limit");
        }
        try {
            return CgiResponse.parse(scope.stdout().toByteArray());
        } catch (CgiResponse.Malformed e) {
            return Failure.BAD_CGI_RESPONSE.respond(e.getMessage());
        }
    }
}
