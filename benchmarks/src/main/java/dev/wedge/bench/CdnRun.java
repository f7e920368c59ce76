package dev.wedge.bench;

import dev.wedge.bench.templates.CannedOrigin;
import dev.wedge.bench.templates.CdnCase;
import dev.wedge.bench.templates.CdnFloor;
import dev.wedge.bench.templates.CdnOutcome;
import dev.wedge.bench.templates.Located;
import dev.wedge.bench.templates.TemplateOrigin;
import dev.wedge.host.client.ClientLocator;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.outbound.OutboundCapability;
import dev.wedge.host.proxywasm.CdnSettings;
import dev.wedge.host.proxywasm.ProxyWasmCapability;
import dev.wedge.host.proxywasm.Upstream;
import java.net.URI;

/**
 * One CDN case on one engine, or on {@code java}, its floor. The module runs as the node runs a CDN app (its
 * {@code App.handle}: CdnRunner, a fresh instance per phase in FastEdge's model, the origin plan with its address
 * check), its origin the case's {@link CannedOrigin} in place of the node's HTTP client: no network, so the
 * figure is the filter's and the node's own work per request.
 */
final class CdnRun implements AutoCloseable {

    /** A literal loopback address: checked as any origin is, never connected to (the canned origin answers). */
    private static final URI ORIGIN = URI.create("http://127.0.0.1:8080");

    private final CannedOrigin origin;
    private final AppRequest request;
    private final BenchHost host;
    private final CdnFloor floor;

    CdnRun(String engine, CdnCase cdn) {
        this.origin = cdn.origin();
        this.floor = cdn.floor();
        boolean java = engine.equals("java");
        this.request = java ? Located.request(cdn.request(), cdn.located()) : cdn.request();
        this.host = java ? null : new BenchHost(engine, BenchHost.quietServices().with(Upstream.class, origin)
                .with(ClientLocator.class, Located.locator(cdn.located())), cdn.module(), cdn.config()
                        .with(ProxyWasmCapability.SETTINGS, new CdnSettings(ORIGIN, CdnSettings.Mode.FASTEDGE,
                                new byte[0]))
                        .with(OutboundCapability.SETTINGS, TemplateOrigin.loopbackAllowed()));
    }

    /** One request, as the benchmark measures it. */
    AppResponse handle() {
        return host != null ? host.run(request) : floor.handle(request, origin);
    }

    /** One request, and what reached the origin. */
    CdnOutcome outcome() {
        origin.takeLast();
        AppResponse response = handle();
        return CdnOutcome.of(origin.takeLast(), response);
    }

    /**
     * Checks that the module does what its floor does (the origin's request, the response's status and headers,
     * and its body unless the floor renders with another library: then a body of a like size), so the benchmark
     * measures the same work.
     */
    static void requireSame(CdnCase cdn, String engine) {
        try (CdnRun java = new CdnRun("java", cdn); CdnRun module = new CdnRun(engine, cdn)) {
            CdnOutcome expected = java.outcome();
            CdnOutcome actual = module.outcome();
            String want = cdn.sameBody() ? expected.describe() : expected.head();
            String got = cdn.sameBody() ? actual.describe() : actual.head();
            int floorSize = expected.body().length;
            int moduleSize = actual.body().length;
            if (!want.equals(got) || moduleSize > 2 * floorSize || floorSize > 2 * moduleSize) {
                throw new IllegalStateException(cdn.module() + " on " + engine + " did\n" + got + "\n(a body of "
                        + moduleSize + " bytes)\nwhere the Java floor does\n" + want + "\n(a body of " + floorSize
                        + " bytes)");
            }
        }
    }

    @Override
    public void close() {
        if (host != null) {
            host.close();
        }
    }
}
