package dev.wedge.host.run;

import dev.wedge.host.abi.DeadlineExceeded;
import dev.wedge.host.capability.CapabilitySet;
import dev.wedge.host.capability.NodeResources;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.outbound.OutboundCapability;
import dev.wedge.host.proxywasm.Callout;
import dev.wedge.host.proxywasm.CdnExchange;
import dev.wedge.host.proxywasm.CdnSettings.Mode;
import dev.wedge.host.proxywasm.Phase;
import dev.wedge.host.proxywasm.ProxyWasmCapability;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.host.wasi.BoundedOutput;
import dev.wedge.host.wasi.WasiProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one request through a CDN chain (one app, or a site's app per phase): request headers, request body (when
 * there is one and the filter filters it), the origin, response headers, response body; a local response ends
 * it early. Each phase has the app's
 * limits; in FastEdge's model each phase runs in a fresh instance, in Envoy's one instance serves the request.
 * Whatever the filter does becomes a response: the origin's as changed, the filter's own, or a node answer.
 */
final class CdnRunner {

    private final NodeResources node;
    private final CapabilitySet capabilities;

    CdnRunner(NodeResources node, CapabilitySet capabilities) {
        this.node = node;
        this.capabilities = capabilities;
    }

    /**
     * One request's run, from which the runner takes the response, logs and metrics. {@code process} is the lead
     * app's; another phase app gets its own (its own {@code env}, its own exit code) writing into the same output.
     */
    static final class Run {
        final CdnExchange exchange;
        final WasiProcess process;
        final RunClock clock;
        final AppRequest request; // as the client sent it: an origin app gets its connection's facts
        private final Map<App, WasiProcess> processes = new HashMap<>();
        FilterVm vm;
        App vmApp; // whose module the instance runs

        Run(App lead, AppRequest request, CdnExchange exchange, WasiProcess process, RunClock clock) {
            this.request = request;
            this.exchange = exchange;
            this.process = process;
            this.clock = clock;
            processes.put(lead, process);
        }

        WasiProcess process(App app) {
            return processes.computeIfAbsent(app,
                    other -> WasiProcess.of(other.config(), process.stdout(), process.stderr()));
        }
    }

    /** @param properties custom properties the node sets before any filter runs */
    Run prepare(CdnChain chain, AppRequest request, Map<String, String> properties, RunClock clock) {
        App app = chain.lead();
        Limits limits = app.config().limits();
        Mode mode = app.config().settings().get(ProxyWasmCapability.SETTINGS).mode();
        var exchange = new CdnExchange(request, mode, limits.maxRequestBodyBytes(), limits.maxResponseBodyBytes(),
                limits.maxLogBytes());
        properties.forEach(exchange::preset);
        var process = WasiProcess.of(app.config(), BoundedOutput.lenient(limits.maxLogBytes()),
                BoundedOutput.lenient(limits.maxLogBytes()));
        return new Run(app, request, exchange, process, clock);
    }

    AppResponse handle(CdnChain chain, Run run, Cancellation cancellation) {
        CdnExchange exchange = run.exchange;
        boolean streaming = false;
        try {
            AppResponse failed = phases(chain, run, cancellation, List.of(Phase.REQUEST_HEADERS,
                    Phase.REQUEST_BODY));
            if (failed == null && exchange.local() == null) {
                OriginPlan origin = chain.origin();
                Duration timeout = origin.readTimeout() != null ? origin.readTimeout()
                        : chain.lead().config().limits().timeout();
                long until = Math.min(System.nanoTime() + timeout.toNanos(), run.clock.deadline().wallNanos());
                App bodyFilter = chain.app(Phase.RESPONSE_BODY);
                boolean stream = bodyFilter == null || !bodyFilter.info().exports(Phase.RESPONSE_BODY.hook());
                Upstream upstream = chain.originUpstream() != null ? chain.originUpstream()
                        : node.get(Upstream.class, Upstream.NONE);
                failed = chain.originApp() != null
                        ? AppOrigin.fetch(chain.originApp(), origin, exchange, run.request, cancellation, stream)
                        : new OriginCalls(upstream).fetch(origin, exchange, timeout, RunDeadline.fixed(until), stream);
                boolean settled = exchange.cached() != null && exchange.cached().settled();
                if (failed == null && !settled) { // settled: the cache's answer is what these phases made already
                    failed = phases(chain, run, cancellation, List.of(Phase.RESPONSE_HEADERS,
                            Phase.RESPONSE_BODY));
                }
            }
            if (failed == null) {
                failed = end(run, exchange.phase());
            }
            AppResponse answer = failed != null ? failed : exchange.local() != null ? local(exchange) : response(run);
            if (answer.streamed() != null) {
                streaming = true;
            }
            if (exchange.cached() != null && failed == null && exchange.local() == null) {
                exchange.cached().keep(answer.status(), answer.headers(), streaming ? null : answer.body());
            }
            return answer;
        } finally {
            if (exchange.cached() != null) {
                exchange.cached().drop(); // unless kept above: the first word counts
            }
            close(run);
            if (!streaming && exchange.streamed() != null) {
                exchange.streamed().discard(); // answered otherwise (or stopped): nobody reads the origin's body
            }
        }
    }

    /**
     * Runs the phases that apply, each with its app; the first failure, or null. With {@code interrupt-on-error}
     * off a failing phase is skipped (its instance dropped) and the request goes on as the phase found it.
     */
    private AppResponse phases(CdnChain chain, Run run, Cancellation cancellation, List<Phase> phases) {
        CdnExchange exchange = run.exchange;
        for (Phase phase : phases) {
            App app = chain.app(phase);
            boolean body = phase == Phase.REQUEST_BODY || phase == Phase.RESPONSE_BODY;
            byte[] bytes = phase.isResponse() ? exchange.responseBody() : exchange.requestBody();
            if (app == null || !app.info().exports(phase.hook()) || body && bytes.length == 0) {
                continue;
            }
            exchange.enter(phase);
            long started = System.nanoTime();
            AppResponse failed = phase(app, run, phase, cancellation);
            String outcome = failed != null ? failed.error() : exchange.local() != null ? "local-response" : "continue";
            node.listener().phase(app.name(), phase.label(), System.nanoTime() - started, outcome);
            if (failed != null && !chain.interruptOnError() && !cancellation.requested()) {
                close(run);
                continue;
            }
            if (failed != null || exchange.local() != null) {
                return failed;
            }
        }
        return null;
    }

    private AppResponse phase(App app, Run run, Phase phase, Cancellation cancellation) {
        CdnExchange exchange = run.exchange;
        Duration timeout = app.config().limits().timeout();
        try {
            if (run.vm == null || exchange.mode() == Mode.FASTEDGE || run.vmApp != app) {
                AppResponse ended = end(run, phase);
                if (ended != null) {
                    return ended;
                }
                // FastEdge: each phase its own deadline, within the request's wall-clock cap
                RunDeadline deadline = exchange.mode() == Mode.FASTEDGE
                        ? new RunDeadline(System.nanoTime() + timeout.toNanos(), run.clock.deadline().wallNanos())
                        : run.clock.deadline();
                cancellation.onCancel(deadline::stop);
                run.vm = FilterVm.start(app, capabilities, exchange, run.process(app), deadline, cancellation, node,
                        run.clock);
                run.vmApp = app;
            }
            FilterVm vm = run.vm;
            RunDeadline deadline = vm.context().scope().deadline();
            int result = vm.hook(phase, size(exchange, phase), endOfStream(exchange, phase));
            var calls = new OriginCalls(node.get(Upstream.class, Upstream.NONE));
            AddressPolicy policy = app.config().settings().get(OutboundCapability.SETTINGS).policy();
            while (exchange.local() == null) {
                Callout callout = vm.context().takePending();
                if (callout == null) {
                    break; // a pause with nothing to wait for continues, as FastEdge's pause loop ends
                }
                vm.deliver(callout, calls.call(callout, deadline, policy));
                boolean resumed = vm.context().takeContinued();
                if (exchange.local() == null && exchange.mode() == Mode.FASTEDGE && result != 0 && !resumed) {
                    result = vm.hook(phase, size(exchange, phase), endOfStream(exchange, phase));
                }
            }
            AppResponse overflowed = overflow(exchange);
            return overflowed == null ? null : inPhase(phase, overflowed);
        } catch (GuestTrap trap) {
            return failure(app, run, phase, trap);
        } catch (DeadlineExceeded e) {
            return inPhase(phase, TrapClassifier.timeout(app));
        } catch (FilterVm.Refused e) {
            return NodeAnswer.HANDLER_FAILED.respond("in " + phase.label() + ": " + e.getMessage());
        } catch (ModuleLoadException e) { // compiled again after the cache let it go, and that failed
            return NodeAnswer.LOAD_FAILED.respond(e.getMessage());
        }
    }

    private static int size(CdnExchange exchange, Phase phase) {
        return switch (phase) {
            case REQUEST_HEADERS -> exchange.requestHeaders().size();
            case REQUEST_BODY -> exchange.requestBody().length;
            case RESPONSE_HEADERS -> exchange.responseHeaders().size();
            case RESPONSE_BODY -> exchange.responseBody().length;
        };
    }

    private static boolean endOfStream(CdnExchange exchange, Phase phase) {
        return switch (phase) {
            case REQUEST_HEADERS -> exchange.requestBody().length == 0;
            case RESPONSE_HEADERS -> exchange.responseBody().length == 0 && exchange.streamed() == null;
            default -> true;
        };
    }

    private static AppResponse overflow(CdnExchange exchange) {
        return switch (exchange.overflow()) {
            case NONE -> null;
            case REQUEST_BODY -> NodeAnswer.REQUEST_TOO_LARGE.respond("the filter grew the request body past "
                    + "the app's limit");
            case RESPONSE_BODY -> NodeAnswer.RESPONSE_TOO_LARGE.respond("the filter grew the response body past "
                    + "the app's limit");
        };
    }

    private AppResponse failure(App app, Run run, Phase phase, GuestTrap trap) {
        Integer exit = run.process(app).exitCode();
        if (exit != null && trap.kind() != GuestTrap.Kind.TIMEOUT) {
            return NodeAnswer.HANDLER_FAILED.respond("in " + phase.label() + ": the filter exited with code "
                    + exit);
        }
        if (run.vm == null) { // the start failed before a filter existed
            return trap.kind() == GuestTrap.Kind.TIMEOUT ? inPhase(phase, TrapClassifier.timeout(app))
                    : NodeAnswer.LOAD_FAILED.respond("the filter could not be instantiated: " + trap.getMessage());
        }
        return inPhase(phase, TrapClassifier.respond(app, run.vm.instance(), trap));
    }

    private static AppResponse inPhase(Phase phase, AppResponse answer) {
        NodeAnswer reason = NodeAnswer.ofReason(answer.error());
        return reason.respond("in " + phase.label() + ": " + new String(answer.body(),
                java.nio.charset.StandardCharsets.UTF_8).strip());
    }

    /** The current instance's end (its stream context done and deleted), then its release; a trap is answered. */
    private static AppResponse end(Run run, Phase phase) {
        FilterVm vm = run.vm;
        if (vm == null) {
            return null;
        }
        try {
            vm.finish();
            return null;
        } catch (GuestTrap trap) {
            return inPhase(phase, TrapClassifier.respond(run.vmApp, vm.instance(), trap));
        } finally {
            close(run);
        }
    }

    private static void close(Run run) {
        if (run.vm != null) {
            run.clock.memory(run.vm.instance().memory().size());
            run.vm.close();
            run.vm = null;
            run.vmApp = null;
        }
    }

    private static AppResponse local(CdnExchange exchange) {
        CdnExchange.LocalResponse local = exchange.local();
        var headers = new Headers();
        local.headers().pairs().forEach(pair -> headers.add(pair.getKey(), pair.getValue()));
        return new AppResponse(local.status(), headers, local.body(), null);
    }

    /** The origin's response as the filter left it; {@code :status} may have been changed. */
    private static AppResponse response(Run run) {
        CdnExchange exchange = run.exchange;
        int status = exchange.responseStatus();
        var headers = new Headers();
        for (Map.Entry<String, String> pair : exchange.responseHeaders().pairs()) {
            if (pair.getKey().equals(":status")) {
                status = parseStatus(pair.getValue(), status);
            } else if (!pair.getKey().startsWith(":")) {
                headers.add(pair.getKey(), pair.getValue());
            }
        }
        return new AppResponse(status, headers, exchange.responseBody(), null, exchange.streamed());
    }

    private static int parseStatus(String text, int fallback) {
        try {
            int value = Integer.parseInt(text.strip());
            return value >= 200 && value <= 599 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
