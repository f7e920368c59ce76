package dev.wedge.observe;

import dev.wedge.cache.CacheStats;
import dev.wedge.host.capability.RunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's metrics, in Prometheus form: per app the runs by kind and status, failures by reason, run
 * duration and instantiation time (histograms), guest memory at the end of a run, runs with a diagnostic text
 * ({@code set_user_diag}), and every capability call
 * with its latency; its load (guests running, requests waiting, the penalty box, abandoned requests); plus the
 * JVM's own. Vert.x adds its metrics to the same registry.
 */
public final class NodeMetrics implements RunListener, LoadMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<MeterKey, Object> meters = new ConcurrentHashMap<>();
    /** Host labels of {@code wedge_outbound_calls} per app. */
    private final Map<String, Set<String>> outboundHosts = new ConcurrentHashMap<>();
    static final int MAX_HOSTS_PER_APP = 100;

    public NodeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A value of {@code owner} read at each scrape; held weakly, so the gauge keeps no stopped node alive. */
    public <T> void gauge(String name, String description, T owner, ToDoubleFunction<T> value) {
        Gauge.builder(name, owner, value).description(description).register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void finished(Run run) {
        String app = run.app();
        String kind = run.kind();
        this.<Counter>meter("requests", app, kind, Integer.toString(run.status()), () -> Counter.builder("wedge.requests")
                .description("Guest runs by app, kind and status")
                .tags("app", app, "kind", kind, "status", Integer.toString(run.status())).register(registry))
                .increment();
        if (run.error() != null) {
            this.<Counter>meter("failures", app, run.error(), "", () -> Counter.builder("wedge.failures")
                    .description("Failed runs by reason (timeout, out-of-memory, trap, ...)")
                    .tags("app", app, "reason", run.error()).register(registry)).increment();
        }
        this.<Timer>meter("duration", app, kind, "", () -> Timer.builder("wedge.request.duration")
                .description("Run time: instantiate and handler").tags("app", app, "kind", kind)
                .publishPercentileHistogram().register(registry))
                .record(run.durationNanos(), TimeUnit.NANOSECONDS);
        String engine = run.engine();
        this.<Timer>meter("instantiate", app, engine, "", () -> Timer.builder("wedge.instantiate.duration")
                .description("Time to create the fresh instance, by the engine it ran on (engine: auto moves apps)")
                .tags("app", app, "engine", engine)
                .publishPercentileHistogram().register(registry))
                .record(run.instantiateNanos(), TimeUnit.NANOSECONDS);
        if (run.userDiag()) { // counted, never labelled with the app's text: that would be unbounded
            this.<Counter>meter("diag", app, "", "", () -> Counter.builder("wedge.user.diag")
                    .description("Runs whose app set a diagnostic text (set_user_diag; the text is in the log)")
                    .tags("app", app).register(registry)).increment();
        }
        this.<DistributionSummary>meter("memory", app, "", "", () -> DistributionSummary.builder("wedge.memory")
                .baseUnit("bytes").description("Guest memory at the end of a run").tags("app", app)
                .register(registry)).record(run.memoryBytes());
    }

    @Override
    public void hostCall(String app, String capability, String operation, long nanos, boolean ok) {
        String outcome = ok ? "ok" : "error";
        this.<Timer>meter("calls", app, capability + "." + operation, outcome, () -> Timer.builder("wedge.host.calls")
                .description("Calls to capabilities (kv, queue) and their latency")
                .tags("app", app, "capability", capability, "operation", operation, "outcome", outcome)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Outbound calls by app, outcome and host, and their duration. Hosts are app-chosen, so each app gets at most
     * {@link #MAX_HOSTS_PER_APP} host labels and the rest count as {@code other}: a guest calling random names
     * cannot grow the registry without bound.
     */
    @Override
    public void outboundCall(String app, String host, String outcome, long nanos) {
        Set<String> hosts = outboundHosts.computeIfAbsent(app, name -> ConcurrentHashMap.newKeySet());
        String label = hosts.contains(host) || (hosts.size() < MAX_HOSTS_PER_APP && hosts.add(host)) ? host : "other";
        this.<Counter>meter("outbound", app, outcome, label, () -> Counter.builder("wedge.outbound.calls")
                .description("Outbound HTTP calls by app, outcome (ok or the refusal's status) and host")
                .tags("app", app, "outcome", outcome, "host", label).register(registry)).increment();
        this.<Timer>meter("outbound.duration", app, "", "", () -> Timer.builder("wedge.outbound.duration")
                .description("Outbound HTTP call time, lookups and redirects included").tags("app", app)
                .publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void phase(String app, String phase, long nanos, String outcome) {
        this.<Timer>meter("phase", app, phase, outcome, () -> Timer.builder("wedge.cdn.phase.duration")
                .description("CDN apps' filter phases: time (instances, callouts) and outcome")
                .tags("app", app, "phase", phase, "outcome", outcome).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A filter's own counters and gauges: one series each, named by the filter, under the app's label. */
    @Override
    public void guestMetric(String app, String type, String name, DoubleSupplier value) {
        Gauge.builder("wedge.cdn.filter." + type, value, DoubleSupplier::getAsDouble).description("Metrics proxy-wasm filters define")
                .tags("app", app, "name", name).strongReference(true).register(registry);
    }

    @Override
    public void guestSample(String app, String name, double value) {
        this.<DistributionSummary>meter("filter-histogram", app, name, "", () -> DistributionSummary
                .builder("wedge.cdn.filter.histogram").description("Histograms proxy-wasm filters define")
                .tags("app", app, "name", name).register(registry)).record(value);
    }

    @Override
    public void watch(String app, IntSupplier running, IntSupplier waiting, BooleanSupplier penalized) {
        Gauge.builder("wedge.app.running", running::getAsInt).description("Guests of the app running now")
                .tag("app", app).strongReference(true).register(registry);
        Gauge.builder("wedge.app.waiting", waiting::getAsInt)
                .description("Requests of the app waiting for a worker").tag("app", app).strongReference(true)
                .register(registry);
        Gauge.builder("wedge.app.penalized", () -> penalized.getAsBoolean() ? 1 : 0)
                .description("1 while the app is in the penalty box (reduced concurrency)").tag("app", app)
                .strongReference(true).register(registry);
    }

    @Override
    public void penalized(String app) {
        this.<Counter>meter("penalties", app, "", "", () -> Counter.builder("wedge.app.penalties")
                .description("Times the app was put in the penalty box for hitting its limits")
                .tags("app", app).register(registry)).increment();
    }

    @Override
    public void abandoned(String app, String stage) {
        this.<Counter>meter("abandoned", app, stage, "", () -> Counter.builder("wedge.abandoned")
                .description("Requests whose client went away: dropped while queued, or stopped while running")
                .tags("app", app, "stage", stage).register(registry)).increment();
    }

    /** A site's HTTP cache: its counters and the bytes it holds (docs/cache.md, "Metrics"). */
    public void cacheSite(String site, CacheStats stats, LongSupplier storedBytes) {
        FunctionCounter.builder("wedge.cache.hits", stats, CacheStats::hits)
                .description("Answers from the site's cache (x-cache HIT, STALE, REVALIDATED)").tag("site", site)
                .register(registry);
        FunctionCounter.builder("wedge.cache.misses", stats, CacheStats::misses)
                .description("Answers the origin gave after a cache lookup (x-cache MISS)").tag("site", site)
                .register(registry);
        FunctionCounter.builder("wedge.cache.bypasses", stats, CacheStats::bypasses)
                .description("Requests sent past the cache (x-cache BYPASS)").tag("site", site).register(registry);
        FunctionCounter.builder("wedge.cache.served.bytes", stats, CacheStats::bytesServed)
                .description("Body bytes served from the site's cache").tag("site", site).register(registry);
        Gauge.builder("wedge.cache.stored.bytes", storedBytes::getAsLong)
                .description("Bytes the site's entries hold, memory and disk").tag("site", site)
                .strongReference(true).register(registry);
    }

    /** Drops the meters of an app that was deleted: its series end, as they would with a restart. */
    public void forget(String app) {
        outboundHosts.remove(app);
        meters.values().removeIf(meter -> app.equals(((Meter) meter).getId().getTag("app")));
        registry.getMeters().stream().filter(meter -> app.equals(meter.getId().getTag("app")))
                .forEach(registry::remove);
    }

    /**
     * The meter for a name and its tag values, registered on first use: runs then pay a map lookup, not a
     * builder and the registry's tag matching.
     */
    @SuppressWarnings("unchecked")
    private <M> M meter(String name, String app, String tag, String other, Supplier<M> register) {
        var key = new MeterKey(name, app, tag, other); // not a joined string: that was built four times a run
        Object meter = meters.get(key);
        return (M) (meter != null ? meter : meters.computeIfAbsent(key, absent -> register.get()));
    }

    private record MeterKey(String name, String app, String tag, String other) {}
}
