package dev.wedge.host.run;

import dev.wedge.host.abi.GuestStop;
import dev.wedge.host.capability.CapabilitySet;
import dev.wedge.host.capability.NodeResources;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.WasmInstance;
import dev.wedge.host.proxywasm.Callout;
import dev.wedge.host.proxywasm.CdnExchange;
import dev.wedge.host.proxywasm.FilterContext;
import dev.wedge.host.proxywasm.Phase;
import dev.wedge.host.proxywasm.ProxyWasmCapability;
import dev.wedge.host.wasi.WasiCapability;
import dev.wedge.host.wasi.WasiProcess;

/**
 * One instance of a proxy-wasm filter with its contexts made: started ({@code _start} or {@code _initialize},
 * else the module's start section), its root context created, {@code proxy_on_vm_start} and
 * {@code proxy_on_configure} called, then its stream context. Hooks and callout answers are called on it; its
 * contexts are done and deleted at the end.
 */
final class FilterVm implements AutoCloseable {

    /** The filter said no ({@code proxy_on_vm_start} or {@code proxy_on_configure} returned false). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The guest's allocator trapped during a host call: the guest stops there. */
    private static final class AllocationFailed extends GuestStop {
        AllocationFailed(String message) {
            super(message);
        }
    }

    private final App app;
    private final App.Lease lease;
    private final WasmInstance instance;
    private final FilterContext context;
    private final String allocator;

    private FilterVm(App app, App.Lease lease, WasmInstance instance, FilterContext context) {
        this.app = app;
        this.lease = lease;
        this.instance = instance;
        this.context = context;
        ModuleInfo info = app.info();
        this.allocator = info.exports("proxy_on_memory_allocate") ? "proxy_on_memory_allocate"
                : info.exports("malloc") ? "malloc" : null;
    }

    /**
     * Instantiates and starts a filter for {@code exchange} under {@code deadline}; the instance holds a lease on
     * the app's compiled module until {@link #close}.
     */
    static FilterVm start(App app, CapabilitySet capabilities, CdnExchange exchange, WasiProcess process,
            RunDeadline deadline, Cancellation cancellation, NodeResources node, RunClock clock)
            throws GuestTrap, Refused, ModuleLoadException {
        var scope = new Scope(app.config(), deadline, cancellation, node);
        scope.put(capabilities.get(WasiCapability.class), process);
        FilterContext context = capabilities.get(ProxyWasmCapability.class).forRequest(scope, exchange);
        long started = System.nanoTime();
        App.Lease lease = app.lease(deadline);
        WasmInstance instance;
        try {
            instance = lease.module().instantiate(capabilities.imports().bind(scope), deadline, cancellation);
        } catch (GuestTrap | RuntimeException e) {
            lease.close();
            throw e;
        }
        clock.addInstantiation(System.nanoTime() - started);
        clock.engine(lease.engine());
        var vm = new FilterVm(app, lease, instance, context);
        scope.allocator(vm::allocate);
        try {
            vm.boot();
            return vm;
        } catch (GuestTrap | Refused | RuntimeException e) {
            clock.memory(instance.memory().size());
            vm.close();
            throw e;
        }
    }

    private void boot() throws GuestTrap, Refused {
        ModuleInfo info = app.info();
        if (info.exports("_start")) { // AssemblyScript filters: runs the module's top level
            instance.call("_start");
        } else if (info.exports("_initialize")) {
            instance.call("_initialize");
        }
        int configurationSize = app.config().settings().get(ProxyWasmCapability.SETTINGS)
                .pluginConfiguration().length;
        context.effectiveContext(FilterContext.ROOT_ID);
        instance.call("proxy_on_context_create", FilterContext.ROOT_ID, 0);
        if (info.exports("proxy_on_vm_start") && instance.call("proxy_on_vm_start", FilterContext.ROOT_ID, 0)[0] == 0) {
            throw new Refused("proxy_on_vm_start returned false");
        }
        if (info.exports("proxy_on_configure")
                && instance.call("proxy_on_configure", FilterContext.ROOT_ID, configurationSize)[0] == 0) {
            throw new Refused("proxy_on_configure returned false");
        }
        instance.call("proxy_on_context_create", FilterContext.STREAM_ID, FilterContext.ROOT_ID);
        context.effectiveContext(FilterContext.STREAM_ID);
    }

    FilterContext context() {
        return context;
    }

    boolean has(Phase phase) {
        return app.info().exports(phase.hook());
    }

    /** Calls the phase's hook; its result (0 continue, anything else a pause). */
    int hook(Phase phase, int size, boolean endOfStream) throws GuestTrap {
        context.effectiveContext(FilterContext.STREAM_ID);
        long[] result = instance.call(phase.hook(), FilterContext.STREAM_ID, size, endOfStream ? 1 : 0);
        return result.length == 0 ? 0 : (int) result[0];
    }

    /** Delivers a callout's answer to the context that asked; the answer is readable only meanwhile. */
    void deliver(Callout callout, Callout.Answer answer) throws GuestTrap {
        if (!app.info().exports("proxy_on_http_call_response")) {
            return;
        }
        context.answer(answer);
        context.effectiveContext(callout.context());
        try {
            instance.call("proxy_on_http_call_response", callout.context(), callout.token(),
                    answer.failed() ? 0 : answer.headers().size(), answer.body().length,
                    answer.failed() ? 0 : answer.trailers().size());
        } finally {
            context.answer(null);
        }
    }

    /**
     * The stream's end: {@code proxy_on_done}, then {@code proxy_on_delete}, where exported. The root context
     * is not ended: as in Envoy, it would be only when the VM shuts down, and SDKs keep it outside their map of
     * stream contexts (FastEdge's traps when asked to end it).
     */
    void finish() throws GuestTrap {
        ModuleInfo info = app.info();
        context.effectiveContext(FilterContext.STREAM_ID);
        if (info.exports("proxy_on_done")) {
            instance.call("proxy_on_done", FilterContext.STREAM_ID);
        }
        if (info.exports("proxy_on_delete")) {
            instance.call("proxy_on_delete", FilterContext.STREAM_ID);
        }
    }

    WasmInstance instance() {
        return instance;
    }

    private int allocate(int size) {
        if (allocator == null) {
            return 0;
        }
        try {
            long[] result = instance.call(allocator, size);
            return result.length == 0 ? 0 : (int) result[0];
        } catch (GuestTrap trap) {
            throw new AllocationFailed("the guest's " + allocator + " failed: " + trap.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            instance.close();
        } finally {
            lease.close();
        }
    }
}
