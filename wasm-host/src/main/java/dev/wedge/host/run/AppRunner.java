package dev.wedge.host.run;

import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.HostServices;
import dev.wedge.host.abi.ImportCatalog;
import dev.wedge.host.app.App;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.WasmInstance;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.HttpImports;
import dev.wedge.host.kv.KvAccess;
import dev.wedge.host.kv.KvImports;
import dev.wedge.host.queue.QueueAccess;
import dev.wedge.host.queue.QueueImports;
import dev.wedge.host.wasi.WasiPreview1;
import dev.wedge.kv.KvStores;
import dev.wedge.queue.Message;
import dev.wedge.queue.Queues;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * Runs one request (or one queue message) in a fresh instance on the calling (worker) thread and turns whatever
 * happened into a response: the app's own, or one of the {@link NodeAnswer} answers. Never throws for anything a
 * guest does.
 */
public final class AppRunner {

    public static final String REQUEST_ID_HEADER = "x-wedge-request-id";

    private final ImportCatalog<RequestScope> imports;
    private final AppLog log;
    private final KvStores kvStores;
    private final Queues queues;
    private final RunListener listener;

    public AppRunner(HostServices services) {
        this.log = services.log();
        this.kvStores = services.kvStores();
        this.queues = services.queues();
        this.listener = services.listener();
        this.imports = new ImportCatalog<RequestScope>()
                .add(HttpImports.functions())
                .add(KvImports.functions())
                .add(QueueImports.functions())
                .add(new WasiPreview1(new SecureRandom()).functions())
                .fallback(WasiPreview1.MODULE, WasiPreview1::unimplemented);
    }

    /** The imports apps may use; the loader checks modules against it. */
    public ImportCatalog<?> imports() {
        return imports;
    }

    public AppResponse handle(App app, AppRequest request) {
        if (app.kind() == AppKind.MESSAGE) {
            return NodeAnswer.NO_HTTP_HANDLER.respond("the app " + app.name() + " only handles queue messages");
        }
        var run = new RunClock(app);
        boolean wagi = app.kind() == AppKind.WAGI;
        List<String> args = wagi ? CgiEnvironment.arguments(request) : List.of(app.name());
        List<String> environ = wagi ? CgiEnvironment.variables(request, app.config().env()) : environ(app);
        var scope = new RequestScope(app, wagi ? RequestScope.Purpose.WAGI : RequestScope.Purpose.HTTP, request,
                null, args, environ, access(app, run.deadline()));
        AppResponse response = finish(app, scope, run, execute(app, scope, app.kind().entryPoint(), run));
        response.headers().set(REQUEST_ID_HEADER, run.requestId());
        return response;
    }

    /**
     * Handles one queue message with the app's {@code wedge_on_message}. A 200 with no error means the message
     * was consumed; anything else is a failure whose body says why.
     */
    public AppResponse handleMessage(App app, Message message) {
        var run = new RunClock(app);
        var scope = new RequestScope(app, RequestScope.Purpose.MESSAGE, null, message, List.of(app.name()),
                environ(app), access(app, run.deadline()));
        return finish(app, scope, run, execute(app, scope, AppKind.MESSAGE.entryPoint(), run));
    }

    private RequestScope.Access access(App app, long deadline) {
        return new RequestScope.Access(
                new KvAccess(kvStores, app.config().kvStores(), app.name(), deadline, listener),
                new QueueAccess(queues, app.config().queues(), app.name(), deadline, listener));
    }

    private static List<String> environ(App app) {
        return app.config().env().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
    }

    private AppResponse finish(App app, RequestScope scope, RunClock run, AppResponse response) {
        var lines = new AppLogs(log, app, run.requestId());
        lines.flush(scope);
        if (response.error() != null) {
            lines.emit("host", AppLog.WARN, response.status() + " " + response.error() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8).strip());
        }
        String kind = scope.message() != null ? "message" : app.kind().label();
        listener.finished(new RunListener.Run(app.name(), kind, response.status(), response.error(),
                System.nanoTime() - run.started(), run.instantiateNanos(), run.memoryBytes()));
        return response;
    }

    private AppResponse execute(App app, RequestScope scope, String entryPoint, RunClock clock) {
        try (WasmInstance instance = app.module().instantiate(imports.bind(scope), clock.deadline())) {
            clock.instantiated();
            try {
                return run(app, instance, scope, entryPoint);
            } finally {
                clock.memory(instance.memory().size());
            }
        } catch (GuestTrap trap) {
            return trap.kind() == GuestTrap.Kind.TIMEOUT
                    ? TrapClassifier.timeout(app)
                    : NodeAnswer.LOAD_FAILED.respond("the app could not be instantiated: " + trap.getMessage());
        } catch (RuntimeException e) { // a host defect, not the guest's doing: answer and keep the worker alive
            System.getLogger(AppRunner.class.getName()).log(System.Logger.Level.ERROR, "request failed", e);
            return NodeAnswer.HOST_ERROR.respond("the node failed to run the app: " + e);
        }
    }

    private static AppResponse run(App app, WasmInstance instance, RequestScope scope, String entryPoint) {
        Integer handlerResult = null;
        try {
            if (app.module().info().exports(AppKind.INITIALIZE)) {
                instance.call(AppKind.INITIALIZE);
            }
            long[] results = instance.call(entryPoint);
            handlerResult = results.length > 0 ? (int) results[0] : 0;
        } catch (GuestTrap trap) {
            if (scope.exitCode() == null) {
                return TrapClassifier.respond(app, instance, trap);
            }
        }
        int result = handlerResult != null ? handlerResult : scope.exitCode();
        if (scope.request() == null) {
            return result == 0 ? new AppResponse(200, new Headers(), new byte[0], null)
                    : NodeAnswer.HANDLER_FAILED.respond("the app reported failure (" + result + ")");
        }
        return app.kind() == AppKind.WAGI ? wagiResponse(scope) : httpResponse(scope, result);
    }

    private static AppResponse httpResponse(RequestScope scope, int result) {
        if (scope.response().overflowed()) {
            return NodeAnswer.RESPONSE_TOO_LARGE.respond("the app's response passed its size limit");
        }
        if (result != 0) {
            return NodeAnswer.HANDLER_FAILED.respond("the app reported failure (" + result + ")");
        }
        return scope.response().build();
    }

    private static AppResponse wagiResponse(RequestScope scope) {
        if (scope.stdout().overflowed()) {
            return NodeAnswer.RESPONSE_TOO_LARGE.respond("the app's output passed its size limit");
        }
        try {
            return CgiResponse.parse(scope.stdout().toByteArray());
        } catch (CgiResponse.Malformed e) {
            return NodeAnswer.BAD_CGI_RESPONSE.respond(e.getMessage());
        }
    }
}
