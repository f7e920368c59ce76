package dev.wedge.host.capability;

import dev.wedge.host.abi.ResultMemo;
import dev.wedge.host.abi.RunCancelled;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.engine.Cancellation;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One request (or queue message) as its host calls see it: the app, the deadline and the run's cancellation,
 * the node's resources, and each capability's state, made when the capability is first used. Lives exactly as
 * long as the instance.
 */
public final class Scope {

    private final AppConfig app;
    private final long deadlineNanos;
    private final Cancellation cancellation;
    private final NodeResources node;
    private final ResultMemo memo = new ResultMemo();
    private final Map<Capability<?, ?>, Object> states = new IdentityHashMap<>();

    /** @param deadlineNanos the {@link System#nanoTime()} by which the run must end */
    public Scope(AppConfig app, long deadlineNanos, Cancellation cancellation, NodeResources node) {
        this.app = app;
        this.deadlineNanos = deadlineNanos;
        this.cancellation = cancellation;
        this.node = node;
    }

    public AppConfig app() {
        return app;
    }

    public long deadlineNanos() {
        return deadlineNanos;
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
