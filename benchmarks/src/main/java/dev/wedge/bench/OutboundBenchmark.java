package dev.wedge.bench;

import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.net.Cidr;
import dev.wedge.host.outbound.OutboundCapability;
import dev.wedge.host.outbound.OutboundClient;
import dev.wedge.host.outbound.OutboundSettings;
import dev.wedge.host.run.App;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * One outbound call to an origin on loopback: {@code guest} is a request of the {@code fetch} guest that makes
 * one {@code http_send}, {@code baseline} the same request making none, and {@code vertx} the same GET made by a
 * plain Vert.x client from the benchmark thread (what the host's call costs at least). The call's cost in a guest
 * is {@code guest - baseline}; its overhead over Vert.x is that divided by {@code vertx}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class OutboundBenchmark {

    @Param({"chicory"})
    String engine;

    @Param({"baseline", "guest", "vertx"})
    String mode;

    private Vertx vertx;
    private HttpServer origin;
    private OutboundClient outbound;
    private HttpClient plain;
    private WasmHost host;
    private App app;
    private AppRequest request;
    private RequestOptions direct;

    @Setup
    public void setUp() throws Exception {
        vertx = Vertx.vertx();
        origin = vertx.createHttpServer().requestHandler(req -> req.response().end("hello"))
                .listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
        outbound = OutboundClient.create(vertx);
        plain = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(OutboundClient.POOL_PER_ORIGIN));
        host = WasmHost.create(engine, HostServices.of((app, stream, level, text) -> { })
                .with(OutboundClient.class, outbound));
        var loopback = new OutboundSettings(List.of(), new AddressPolicy(List.of(Cidr.parse("127.0.0.1"))),
                OutboundSettings.DEFAULT_MAX_REQUESTS, OutboundSettings.DEFAULT_MAX_RESPONSE_BYTES,
                OutboundSettings.DEFAULT.timeout(), 0, List.of());
        try (InputStream in = OutboundBenchmark.class.getResourceAsStream("/guests/fetch.wasm")) {
            app = host.load(in.readAllBytes(), AppConfig.named("fetch").with(OutboundCapability.SETTINGS, loopback));
        }
        String url = "http://127.0.0.1:" + origin.actualPort() + "/";
        request = AppRequest.of("POST", "/", Headers.of(),
                mode.equals("baseline") ? new byte[0] : url.getBytes(StandardCharsets.UTF_8));
        direct = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(origin.actualPort())
                .setURI("/");
    }

    @TearDown
    public void tearDown() throws Exception {
        host.close();
        outbound.close().await(30, TimeUnit.SECONDS);
        plain.close().await(30, TimeUnit.SECONDS);
        origin.close().await(30, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object call() throws Exception {
        if (mode.equals("vertx")) {
            return plain.request(direct).compose(req -> req.send().compose(response -> response.body()))
                    .await(30, TimeUnit.SECONDS);
        }
        AppResponse response = app.handle(request);
        if (response.status() != 200) {
            throw new IllegalStateException("fetch answered " + response.status());
        }
        return response;
    }
}
