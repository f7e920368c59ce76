package dev.wedge.host.run;

import dev.wedge.host.abi.ImportCatalog;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.capability.CapabilitySet;
import dev.wedge.host.capability.NodeResources;
import dev.wedge.host.capability.RunListener;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.client.ClientCapability;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmInstance;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.HttpCapability;
import dev.wedge.host.http.HttpExchange;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.http.ResponseBuilder;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.queue.QueueCapability;
import dev.wedge.host.wasi.BoundedOutput;
import dev.wedge.host.wasi.WasiCapability;
import dev.wedge.host.wasi.WasiProcess;
import dev.wedge.queue.Message;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one request (or one queue message) in a fresh instance on the calling (worker) thread and turns whatever
 * happened into a response: the app's own, or one of the {@link NodeAnswer}s. Never throws for anything a
 * guest does.
 */
public final class AppRunner {

    public static final String REQUEST_ID_HEADER = "x-wedge-request-id";

    private final AppLog log;
    private final NodeResources node;
    private final CapabilitySet capabilities;
    private final HttpCapability http;
    private final WasiCapability wasi;
    private final QueueCapability queues;
    private final ClientCapability client;
    private final CdnRunner cdn;

    public AppRunner(AppLog log, NodeResources node, CapabilitySet capabilities) {
        this.log = log;
        this.node = node;
        this.capabilities = capabilities;
        this.http = capabilities.get(HttpCapability.class);
        this.wasi = capabilities.get(WasiCapability.class);
        this.queues = capabilities.get(QueueCapability.class);
        this.client = capabilities.get(ClientCapability.class);
        this.cdn = new CdnRunner(node, capabilities);
    }

    /** The imports apps may use; the loader checks modules against it. */
    public ImportCatalog<?> imports() {
        return capabilities.imports();
    }

    AppResponse handle(App app, AppRequest received, Cancellation cancellation) {
        if (app.kind() == AppKind.MESSAGE) {
            return withAppHeaders(app, NodeAnswer.NO_HTTP_HANDLER.respond("the app " + app.name()
                    + " only handles queue messages"));
        }
        if (app.kind() == AppKind.CDN) {
            return handle(CdnChain.of(app), received, Map.of(), cancellation);
        }
        var run = new RunClock(app);
        var scope = new Scope(app.config(), run.deadline(), cancellation, node);
        cancellation.onCancel(run.deadline()::stop); // a guest waiting on a backend gives up too
        // configured headers last: fastedge-run users set geoip-* with --headers to try an app locally
        AppRequest request = HttpCapability.asSeenBy(app.config(), client.locate(scope, received));
        scope.withInboundHeaders(request.headers().entries());
        Limits limits = app.config().limits();
        if (app.kind() == AppKind.WAGI) {
            scope.put(http, HttpCapability.exchange(app.config(), request, null));
            scope.put(wasi, new WasiProcess(CgiEnvironment.arguments(request),
                    CgiEnvironment.variables(request, app.config().env()), request.body(),
                    BoundedOutput.strict(limits.maxResponseBodyBytes() + CgiResponse.MAX_HEADER_BLOCK),
                    BoundedOutput.lenient(limits.maxLogBytes())));
        } else {
            scope.put(http, HttpCapability.exchange(app.config(), request,
                    new ResponseBuilder(limits.maxResponseBodyBytes())));
        }
        AppResponse response = finish(app, scope, run, "http",
                cancellable(cancellation, () -> execute(app, scope, app.kind().entryPoint(), run, cancellation)));
        response.headers().set(REQUEST_ID_HEADER, run.requestId());
        return withAppHeaders(app, response);
    }

    /** The app's {@code response-headers}, on its own answers and the node's alike. */
    private static AppResponse withAppHeaders(App app, AppResponse response) {
        app.config().settings().get(HttpCapability.SETTINGS).addTo(response.headers());
        return response;
    }

    /** One request through a CDN chain, counted, logged and limited as a request of its lead app. */
    AppResponse handle(CdnChain chain, AppRequest received, Map<String, String> properties,
            Cancellation cancellation) {
        App app = chain.lead();
        var clock = new RunClock(app);
        var scope = new Scope(app.config(), clock.deadline(), cancellation, node);
        cancellation.onCancel(clock.deadline()::stop); // a guest waiting on a backend gives up too
        AppRequest request = HttpCapability.asSeenBy(app.config(), client.locate(scope, received));
        CdnRunner.Run run = cdn.prepare(chain, request, properties, clock);
        AppResponse response = cancellable(cancellation, () -> cdn.handle(chain, run, cancellation));
        var lines = new AppLogs(log, app, clock.requestId());
        lines.flushCdn(run.exchange, run.process);
        report(app, lines, clock, AppKind.CDN.label(), response, run.exchange.userDiag());
        response.headers().set(REQUEST_ID_HEADER, clock.requestId());
        return withAppHeaders(app, response);
    }

    /**
     * Handles one queue message with the app's {@code wedge_on_message}. A 200 with no error means the message
     * was consumed; anything else is a failure whose body says why.
     */
    AppResponse handleMessage(App app, Message message) {
        var run = new RunClock(app);
        var scope = new Scope(app.config(), run.deadline(), Cancellation.NEVER, node);
        scope.put(queues, queues.forMessage(scope, message));
        return finish(app, scope, run, "message",
                execute(app, scope, AppKind.MESSAGE.entryPoint(), run, Cancellation.NEVER));
    }

    /**
     * Runs {@code execute} unless the run is already cancelled. A cancelled run that stopped on an error (the
     * engine's stop looks like a timeout, a host call's like a trap) is the client's leaving, not the app's fault.
     */
    private static AppResponse cancellable(Cancellation cancellation, Supplier<AppResponse> execute) {
        if (cancellation.requested()) {
            return clientGone();
        }
        AppResponse response = execute.get();
        return cancellation.requested() && response.error() != null ? clientGone() : response;
    }

    private static AppResponse clientGone() {
        return NodeAnswer.CLIENT_GONE.respond("the client went away; the run was stopped");
    }

    private AppResponse finish(App app, Scope scope, RunClock run, String purpose, AppResponse response) {
        var lines = new AppLogs(log, app, run.requestId());
        HttpExchange exchange = scope.existing(http);
        lines.flush(exchange, scope.existing(wasi));
        scope.hostLogLines().forEach(line -> lines.emit("host", AppLog.WARN, line));
        String diag = exchange == null ? null : exchange.userDiag();
        return report(app, lines, run, purpose.equals("message") ? purpose : app.kind().label(), response, diag);
    }

    /** Logs a node answer (and the app's diagnostic) and tells the node's listener how the run went. */
    private AppResponse report(App app, AppLogs lines, RunClock run, String kind, AppResponse response,
            String diag) {
        String withDiag = diag == null ? "" : " [diag: " + diag + "]";
        if (response.error() != null) {
            lines.emit("host", AppLog.WARN, response.status() + " " + response.error() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8).strip() + withDiag);
        } else if (diag != null) {
            lines.emit("host", AppLog.INFO, response.status() + withDiag);
        }
        node.listener().finished(new RunListener.Run(app.name(), kind, run.engine(), response.status(),
                response.error(), System.nanoTime() - run.started(), run.instantiateNanos(), run.memoryBytes(),
                diag != null));
        return response;
    }

    private AppResponse execute(App app, Scope scope, String entryPoint, RunClock clock, Cancellation cancellation) {
        App.Lease lease;
        try {
            lease = app.lease(clock.deadline());
        } catch (ModuleLoadException e) { // compiled again after the cache let it go, and that failed
            return NodeAnswer.LOAD_FAILED.respond(e.getMessage());
        }
        clock.engine(lease.engine());
        clock.instantiating();
        try (lease; WasmInstance instance = lease.module().instantiate(capabilities.imports().bind(scope),
                clock.deadline(), cancellation)) {
            clock.instantiated();
            try {
                return run(app, instance, scope, entryPoint);
            } finally {
                clock.memory(instance.memory().size());
                // computing only: an app that waits on the network gains nothing from a faster engine
                app.observe(lease.engine(), clock.engineInstantiateNanos(), clock.computedSinceInstantiated());
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

    private AppResponse run(App app, WasmInstance instance, Scope scope, String entryPoint) {
        Integer handlerResult = null;
        try {
            if (app.info().exports(AppKind.INITIALIZE)) {
                instance.call(AppKind.INITIALIZE);
            }
            long[] results = instance.call(entryPoint);
            handlerResult = results.length > 0 ? (int) results[0] : 0;
        } catch (GuestTrap trap) {
            WasiProcess exited = scope.existing(wasi);
            if (exited == null || exited.exitCode() == null) {
                return TrapClassifier.respond(app, instance, trap);
            }
        }
        WasiProcess process = scope.existing(wasi);
        int result = handlerResult != null ? handlerResult : process.exitCode();
        HttpExchange exchange = scope.existing(http);
        if (exchange == null || exchange.request() == null) {
            return result == 0 ? new AppResponse(200, new Headers(), new byte[0], null)
                    : NodeAnswer.HANDLER_FAILED.respond("the app reported failure (" + result + ")");
        }
        return app.kind() == AppKind.WAGI ? wagiResponse(process) : httpResponse(exchange.response(), result);
    }

    private static AppResponse httpResponse(ResponseBuilder response, int result) {
        if (response.overflowed()) {
            return NodeAnswer.RESPONSE_TOO_LARGE.respond("the app's response passed its size limit");
        }
        if (result != 0) {
            return NodeAnswer.HANDLER_FAILED.respond("the app reported failure (" + result + ")");
        }
        return response.build();
    }

    private static AppResponse wagiResponse(WasiProcess process) {
        if (process.stdout().overflowed()) {
            return NodeAnswer.RESPONSE_TOO_LARGE.respond("the app's output passed its size limit");
        }
        try {
            return CgiResponse.parse(process.stdout().toByteArray());
        } catch (CgiResponse.Malformed e) {
            return NodeAnswer.BAD_CGI_RESPONSE.respond(e.getMessage());
        }
    }
}
