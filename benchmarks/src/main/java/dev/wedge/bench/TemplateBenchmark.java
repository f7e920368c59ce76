package dev.wedge.bench;

import dev.wedge.bench.templates.CdnCase;
import dev.wedge.bench.templates.JavaFloor;
import dev.wedge.bench.templates.Located;
import dev.wedge.bench.templates.TemplateCase;
import dev.wedge.bench.templates.TemplateOrigin;
import dev.wedge.host.cache.CacheBackend;
import dev.wedge.host.cache.MemoryCache;
import dev.wedge.host.client.ClientLocator;
import dev.wedge.host.engine.chicory.ChicoryEngine;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.outbound.OutboundClient;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request time of the templates (apps/templates/*) on each engine, with the same work done in plain Java
 * ({@code engine=java}) as the floor, in one run. An http template's request is as in {@link RequestBenchmark} (a
 * fresh instance, the handler, the response, no HTTP); a CDN template (a proxy-wasm filter, {@link CdnCase}) runs
 * through the node's CDN path in front of a canned origin ({@link CdnRun}). Setup checks that the module does
 * what its floor does: the case's status and the floor's body, byte for byte (for a CDN case also the request the
 * origin got and the response's headers); where a floor renders or encodes with another library (commonmark-java,
 * ImageIO, jsoup) the bodies are not compared. A template that calls out gets a real origin on loopback, which
 * its floor calls too; the node's geolocation and PoP cache are in memory, fixed or empty.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
// as the node runs (jvm.options): without it HotSpot never compiles Chicory's huge methods (RS256 10x slower)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:-DontCompileHugeMethods"})
public class TemplateBenchmark {

    /**
     * Chicory with every module compiled at load: a module over ChicoryEngine.EAGER_COMPILE_BYTES (image-resize with
     * libwebp) is otherwise interpreted for its first TieredMachines.HOT_INSTANCES requests, which for a slow guest
     * outlast the warm-up; this measures what it runs once hot.
     */
    static final String CHICORY_COMPILED = "chicory-compiled";

    @Param({"chicory", "wasmtime", "java"})
    String engine;

    @Param({"hello-page", "jwt-check", "jwt-check-rs256", "word-predict", "image-classify", "markdown-render", "image-resize",
        "api-key", "geo-redirect", "s3-download", "rate-limit", "anon-proxy", "s3-upload",
        "cache-control", "cors", "header-rewrite", "harden-cookies", "error-pages", "geo-block", "ab-split",
        "download-auth", "upload-auth", "body-rewrite", "md2html", "image-resize-cdn", "html2md",
        "image-resize-webp", "image-resize-webp-in"})
    String template;

    private TemplateOrigin origin;
    private BenchHost bench;
    private JavaFloor floor;
    private AppRequest request;
    private int status;
    /** A CDN template's run (module or floor), or null for an http template. */
    private CdnRun cdn;

    @Setup
    public void setUp() {
        CdnCase filter = CdnCase.find(template);
        if (filter != null) {
            if (!engine.equals("java")) {
                CdnRun.requireSame(filter, engine);
            }
            cdn = new CdnRun(engine, filter);
            return;
        }
        setUp(TemplateCase.named(template));
    }

    private void setUp(TemplateCase cases) {
        origin = cases.startOrigin();
        floor = cases.floor(origin);
        status = cases.status();
        // the floor gets the request as the node hands it on: with the geoip-* headers the module's host adds
        AppRequest located = Located.request(cases.request(origin), cases.located());
        if (engine.equals("java")) {
            request = located;
            floor.handle(located); // fails here for a case without a floor
            return;
        }
        byte[] before = cases.sameBody() ? floor.handle(located) : null;
        request = cases.request(origin);
        if (cases.remake() != null) { // the origin's document converted by the module (a WebP), then served instead
            try (BenchHost maker = host(cases)) {
                origin.serve(cases.remake().getValue(), maker.handle(cases.remake().getKey(), 200).body());
            }
        }
        bench = host(cases);
        byte[] body = bench.handle(request, status).body();
        if (!cases.sameBody()) {
            return;
        }
        // the floor's answer just before or just after: s3-download's holds the current second
        byte[] after = floor.handle(located);
        if (!Arrays.equals(body, before) && !Arrays.equals(body, after)) {
            throw new IllegalStateException(template + " on " + engine + " answered\n" + new String(body)
                    + "where the Java floor answers\n" + new String(after));
        }
    }

    private BenchHost host(TemplateCase cases) {
        var services = BenchHost.quietServices().with(ClientLocator.class, Located.locator(cases.located()))
                .with(CacheBackend.class, new MemoryCache(Clock.systemUTC()));
        if (origin != null) {
            services = services.with(OutboundClient.class, origin.outbound());
        }
        if (engine.equals(CHICORY_COMPILED)) {
            return new BenchHost(new ChicoryEngine(ChicoryEngine.MemoryMode.COPY_ON_WRITE, Integer.MAX_VALUE),
                    services, cases.module(), cases.config(origin));
        }
        return new BenchHost(engine, services, cases.module(), cases.config(origin));
    }

    @TearDown
    public void tearDown() {
        if (cdn != null) {
            cdn.close();
        }
        if (bench != null) {
            bench.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Benchmark
    public Object request() {
        if (cdn != null) {
            return cdn.handle();
        }
        return bench != null ? bench.handle(request, status) : floor.handle(request);
    }
}
