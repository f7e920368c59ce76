package dev.wedge.host.capability;

import dev.wedge.host.abi.ResultMemo;
import dev.wedge.host.abi.RunCancelled;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.RunDeadline;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * One request (or queue message) as its host calls see it: the app, the deadline and the run's cancellation,
 * the node's resources, the headers of the request that started the run, what host calls want in the app's log,
 * and each capability's state, made when the capability is first used. Lives exactly as long as the instance.
 */
public final class Scope {

    /** Host log lines kept per run; host calls are bounded, this only guards against a runaway. */
    private static final int MAX_HOST_LOG_LINES = 100;

    private final AppConfig app;
    private final RunDeadline deadline;
    private final Cancellation cancellation;
    private final NodeResources node;
    private final ResultMemo memo = new ResultMemo();
    private final Map<Capability<?, ?>, Object> states = new IdentityHashMap<>();
    private final List<String> hostLog = new ArrayList<>();
    private List<Map.Entry<String, String>> inboundHeaders = List.of();
    private IntUnaryOperator allocator = size -> 0;

    public Scope(AppConfig app, RunDeadline deadline, Cancellation cancellation, NodeResources node) {
        this.app = app;
        this.deadline = deadline;
        this.cancellation = cancellation;
        this.node = node;
    }

    /** The headers of the HTTP request being served (lower-case names), for capabilities that pass some on. */
    public Scope withInboundHeaders(List<Map.Entry<String, String>> headers) {
        this.inboundHeaders = List.copyOf(headers);
        return this;
    }

    /** Empty for a queue message. */
    public List<Map.Entry<String, String>> inboundHeaders() {
        return inboundHeaders;
    }

    /** A line for the app's log (stream {@code host}, level warn): why a host call refused what the app asked. */
    public void hostLog(String line) {
        if (hostLog.size() < MAX_HOST_LOG_LINES) {
            hostLog.add(line);
        }
    }

    public List<String> hostLogLines() {
        return List.copyOf(hostLog);
    }

    public AppConfig app() {
        return app;
    }

    /** When the run must end; host calls that wait give it their waiting time back ({@code abi/HostWait}). */
    public RunDeadline deadline() {
        return deadline;
    }

    /**
     * Ends the run from a host call once it is cancelled: the engine may not be able to stop a running guest
     * (Wasmtime), but every host call passes here.
     */
    public void stopIfCancelled() {
        if (cancellation.requested()) {
            throw new RunCancelled();
        }
    }

    public NodeResources node() {
        return node;
    }

    /** A retried call's result, shared by every capability (docs/abi.md: "Retries are free"). */
    public ResultMemo memo() {
        return memo;
    }

    /**
     * Guest memory for a result of {@code size} bytes, from the guest's own allocator (proxy-wasm's convention:
     * {@code proxy_on_memory_allocate} or {@code malloc}); 0 when the run has none.
     */
    public int allocate(int size) {
        return allocator.applyAsInt(size);
    }

    /** Set by the runner once the instance exists. */
    public void allocator(IntUnaryOperator value) {
        allocator = value;
    }

    /** The app's settings for {@code capability}. */
    public <A> A settings(Capability<A, ?> capability) {
        return app.settings().get(capability.settingsKey());
    }

    /** The capability's state for this request, made on first use. */
    @SuppressWarnings("unchecked")
    public <S> S state(Capability<?, S> capability) {
        Object state = states.get(capability);
        if (state == null) {
            state = capability.newState(this);
            states.put(capability, state);
        }
        return (S) state;
    }

    /** The state, or null when the request never used the capability. */
    @SuppressWarnings("unchecked")
    public <S> S existing(Capability<?, S> capability) {
        return (S) states.get(capability);
    }

    /** Gives a capability the state the runner made for it (e.g. the HTTP request being served). */
    public <S> S put(Capability<?, S> capability, S state) {
        states.put(capability, state);
        return state;
    }
}
