package dev.wedge.bench;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.kv.KvStores;
import dev.wedge.queue.KafkaFixture;
import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.Queues;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Queues from guests, per backend (embedded, and a real single-node Kafka in this JVM):
 * {@code publish}, requests of a guest that publishes a 100-byte message (4 threads, ops/s), and
 * {@code publishToHandler}, the time from a guest's publish until another guest's message handler has run.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class QueueBenchmark {

    @Param({"embedded", "kafka"})
    String backend;

    private Vertx vertx;
    private KafkaFixture kafka;
    private Queues queues;
    private BenchHost publisher;
    private BenchHost consumer;
    private MessageQueue.Subscription subscription;
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @Setup
    public void setUp() throws IOException {
        vertx = Vertx.vertx();
        String location;
        if (backend.equals("kafka")) {
            kafka = new KafkaFixture();
            location = kafka.bootstrap();
        } else {
            location = Files.createTempDirectory("wedge-bench-q").toString();
        }
        queues = Queues.open(vertx, List.of(QueueConfig.of("bus", backend, location)));
        publisher = new BenchHost("chicory", "publish", KvStores.none(), queues);
        consumer = new BenchHost("chicory", "consume", KvStores.none(), queues);
        subscription = queues.get("bus").queue().subscribe(Queues.inNamespace("bench", "bench"), "bench",
                message -> vertx.executeBlocking(() -> {
                    consumer.handleMessage(message);
                    CompletableFuture<Void> done = waiting.remove(new String(message.payload(), StandardCharsets.UTF_8)
                            .strip());
                    if (done != null) {
                        done.complete(null);
                    }
                    return null;
                }, false).mapEmpty()).toCompletionStage().toCompletableFuture().join();
    }

    @TearDown
    public void tearDown() {
        subscription.stop().toCompletionStage().toCompletableFuture().join();
        publisher.close();
        consumer.close();
        queues.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        if (kafka != null) {
            kafka.close();
        }
    }

    private AppRequest message(String text) {
        byte[] payload = String.format("%-100s", text).getBytes(StandardCharsets.UTF_8);
        return AppRequest.of("POST", "/", Headers.of(), payload);
    }

    @Benchmark
    @Threads(4)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void publish() {
        publisher.handle(message("t" + sequence.incrementAndGet()));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void publishToHandler() throws Exception {
        String id = "l" + sequence.incrementAndGet();
        var handled = new CompletableFuture<Void>();
        waiting.put(id, handled);
        publisher.handle(message(id));
        handled.get(30, TimeUnit.SECONDS);
    }
}
