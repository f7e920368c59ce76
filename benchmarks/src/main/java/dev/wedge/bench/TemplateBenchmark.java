package dev.wedge.bench;

import dev.wedge.bench.templates.CdnCase;
import dev.wedge.bench.templates.JavaFloor;
import dev.wedge.bench.templates.Located;
import dev.wedge.bench.templates.TemplateCase;
import dev.wedge.bench.templates.TemplateOrigin;
import dev.wedge.host.cache.CacheBackend;
import dev.wedge.host.cache.MemoryCache;
import dev.wedge.host.client.ClientLocator;
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

    @Param({"chicory", "wasmtime", "java"})
    String engine;

    @Param({"hello-page", "jwt-check", "jwt-check-rs256", "word-predict", "image-classify", "markdown-render", "image-resize",
        "api-key", "geo-redirect", "s3-download", "rate-limit", "anon-proxy", "s3-upload",
        "cache-control", "cors", "header-rewrite", "harden-cookies", "error-pages", "geo-block", "ab-split",
        "download-auth", "upload-auth", "body-rewrite", "md2html", "image-resize-cdn", "html2md"})
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
        byte[] before = floor.handle(located);
        if (engine.equals("java")) {
            request = located;
            return;
        }
        request = cases.request(origin);
        var services = BenchHost.quietServices().with(ClientLocator.class, Located.locator(cases.located()))
                .with(CacheBackend.class, new MemoryCache(Clock.systemUTC()));
        bench = new BenchHost(engine, origin == null ? services : services.with(OutboundClient.class,
                origin.outbound()), cases.module(), cases.config(origin));
        byte[] body = bench.handle(request, status).body();
        // the floor's answer just before or just after: s3-download's holds the current second
        byte[] after = floor.handle(located);
        if (cases.sameBody() && !Arrays.equals(body, before) && !Arrays.equals(body, after)) {
            throw new IllegalStateException(template + " on " + engine + " answered\n" + new String(body)
                    + "where the Java floor answers\n" + new String(after));
        }
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
