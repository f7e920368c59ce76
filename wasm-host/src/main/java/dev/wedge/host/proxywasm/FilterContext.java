package dev.wedge.host.proxywasm;

import dev.wedge.host.abi.ProxyStatus;

import dev.wedge.host.capability.RunListener;
import dev.wedge.host.capability.Scope;

/**
 * What the proxy-wasm imports work on for one instance of a filter: the request's {@link CdnExchange} (null when
 * the run is no CDN request), the node's shared state, the context the guest acts for, and the callout it asked
 * for or is being answered.
 */
public final class FilterContext {

    /** The root context's id; the stream's is {@link #STREAM_ID}. */
    public static final int ROOT_ID = 1;
    public static final int STREAM_ID = 2;

    private final Scope scope;
    private final CdnExchange exchange;
    private final FilterShared shared;
    private final byte[] pluginConfiguration;
    private int effectiveContext = STREAM_ID;
    private Callout pending;
    private Callout.Answer answer;
    private int nextToken = 1;
    private boolean continued;

    FilterContext(Scope scope, CdnExchange exchange, FilterShared shared, byte[] pluginConfiguration) {
        this.scope = scope;
        this.exchange = exchange;
        this.shared = shared;
        this.pluginConfiguration = pluginConfiguration;
    }

    byte[] pluginConfiguration() {
        return pluginConfiguration;
    }

    /** The request, or a failure the guest sees as {@code NOT_FOUND} outside a CDN request. */
    CdnExchange exchange() {
        if (exchange == null) {
            throw ProxyStatus.fail(ProxyStatus.NOT_FOUND, "no request: this run is not a CDN request");
        }
        return exchange;
    }

    boolean inRequest() {
        return exchange != null;
    }

    public Scope scope() {
        return scope;
    }

    String app() {
        return scope.app().name();
    }

    FilterShared shared() {
        return shared;
    }

    RunListener listener() {
        return scope.node().listener();
    }

    int allocate(int size) {
        return scope.allocate(size);
    }

    int effectiveContext() {
        return effectiveContext;
    }

    /** Set by the runner before each callback: the context the guest acts for until it sets another. */
    public void effectiveContext(int id) {
        effectiveContext = id;
    }

    /** Records the guest's callout for the effective context; the runner makes it once the hook returns. */
    int request(Upstream.Request request) {
        pending = new Callout(nextToken, effectiveContext, request);
        return nextToken++;
    }

    /** The callout waiting to be made, taken by the runner. */
    public Callout takePending() {
        Callout taken = pending;
        pending = null;
        return taken;
    }

    boolean hasPending() {
        return pending != null;
    }

    /** The answer the guest may read while its {@code proxy_on_http_call_response} runs. */
    public void answer(Callout.Answer value) {
        answer = value;
    }

    Callout.Answer answer() {
        return answer;
    }

    /** The guest called {@code proxy_continue_stream} (Envoy's model resumes then). */
    public boolean takeContinued() {
        boolean was = continued;
        continued = false;
        return was;
    }

    void continued() {
        continued = true;
    }
}
