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
import java.nio.charset.StandardCharsets;
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
        var kv = new KvAccess(kvStores, app.config().kvStores(), app.name(), deadline);
        RequestScope scope = newScope(app, request, kv);
        AppResponse response = respond(app, scope, deadline);
        AppLogs.flush(log, app.name(), scope);
        if (response.error() != null) {
            log.line(app.name(), "host", AppLog.WARN, response.status() + " " + response.error() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8).strip());
        }
        return response;
    }

    private AppResponse respond(App app, RequestScope scope, long deadline) {
        try (WasmInstance instance = app.module().instantiate(imports.bind(scope), deadline)) {
            return run(app, instance, scope);
        } catch (GuestTrap trap) {
            return trap.kind() == GuestTrap.Kind.TIMEOUT
                    ? TrapClassifier.timeout(app)
                    : Failure.LOAD_FAILED.respond("the app could not be instantiated: " + trap.getMessage());
        } catch (RuntimeException e) { // a host defect, not the guest's doing: answer and keep the worker alive
            System.getLogger(AppRunner.class.getName()).log(System.Logger.Level.ERROR, "request failed", e);
            return Failure.HOST_ERROR.respond("the node failed to run the app: " + e);
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
            if (app.module().info().exports(AppKind.INITIALIZE)) {
                instance.call(AppKind.INITIALIZE);
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
