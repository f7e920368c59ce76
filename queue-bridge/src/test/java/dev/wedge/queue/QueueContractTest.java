package dev.wedge.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The queue contract, run against every backend: embedded (MVStore log) and a real single-node Kafka. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueContractTest {

    /** Nothing here is about the queue's timeout: a busy machine must not turn a slow publish into a failure. */
    private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than the queue's timeout, so a queue that gives up is seen failing, not the wait. */
    private static final long WAIT_SECONDS = 60;

    private Vertx vertx;
    private KafkaFixture kafka;
    private Queues queues;
    private int fresh;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        kafka = new KafkaFixture();
        queues = Queues.open(vertx, List.of(
                QueueConfig.of("embedded", "embedded", Files.createTempDirectory("wedge-q").toString())
                        .withTimeout(QUEUE_TIMEOUT),
                QueueConfig.of("kafka", "kafka", kafka.bootstrap()).withTimeout(QUEUE_TIMEOUT)));
    }

    @AfterAll
    void stop() {
        await(queues.close());
        kafka.close();
        vertx.close();
    }

    static Stream<String> backends() {
        return Stream.of("embedded", "kafka");
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static OutboundMessage message(String key, String payload) {
        return new OutboundMessage(key, payload.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Collects handled messages and counts down once per message. */
    private static final class Collector implements MessageQueue.MessageHandler {
        final List<Message> handled = new CopyOnWriteArrayList<>();
        volatile CountDownLatch latch;

        Collector(int expected) {
            latch = new CountDownLatch(expected);
        }

        @Override
        public Future<Void> handle(Message message) {
            handled.add(message);
            latch.countDown();
            return Future.succeededFuture();
        }

        void await(int expected) throws InterruptedException {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), "got " + handled.size() + " of " + expected);
        }

        Set<String> payloads() {
            return handled.stream().map(m -> text(m.payload())).collect(Collectors.toSet());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyMessageArrivesInPublishOrderPerKey(String backend) throws Exception {
        MessageQueue queue = queues.get(backend).queue();
        String topic = "ordered" + (fresh++);
        for (int i = 0; i < 30; i++) {
            await(queue.publish(topic, new OutboundMessage("k" + (i % 3), ("m" + i).getBytes(StandardCharsets.UTF_8),
                    Map.of("x-seq", Integer.toString(i)))));
        }
        var collector = new Collector(30);
        MessageQueue.Subscription subscription = await(queue.subscribe(topic, "g", collector));
        collector.await(30);
        await(subscription.stop());
        assertEquals(30, collector.payloads().size());
        for (String key : List.of("k0", "k1", "k2")) {
            List<Integer> order = collector.handled.stream().filter(m -> key.equals(m.key()))
                    .map(m -> Integer.parseInt(m.headers().get("x-seq"))).toList();
            assertEquals(order.stream().sorted().toList(), order, "order of " + key);
        }
        assertEquals(topic, collector.handled.get(0).topic());
        assertEquals(1, collector.handled.get(0).attempt());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aConsumerRestartedMidStreamLosesNothing(String backend) throws Exception {
        MessageQueue queue = queues.get(backend).queue();
        String topic = "restart" + (fresh++);
        for (int i = 0; i < 40; i++) {
            await(queue.publish(topic, message("k" + (i % 4), "m" + i)));
        }
        var seen = ConcurrentHashMap.<String>newKeySet();
        var firstFifteen = new CountDownLatch(15);
        MessageQueue.Subscription first = await(queue.subscribe(topic, "g", m -> {
            seen.add(text(m.payload()));
            firstFifteen.countDown();
            return Future.succeededFuture();
        }));
        assertTrue(firstFifteen.await(WAIT_SECONDS, TimeUnit.SECONDS), "saw " + seen.size() + " of 15");
        await(first.stop());
        for (int i = 40; i < 50; i++) {
            await(queue.publish(topic, message("k" + (i % 4), "m" + i)));
        }
        var collector = new Collector(1);
        var all = new CountDownLatch(1);
        MessageQueue.Subscription second = await(queue.subscribe(topic, "g", m -> {
            seen.add(text(m.payload()));
            if (seen.size() == 50) {
                all.countDown();
            }
            return collector.handle(m);
        }));
        assertTrue(all.await(WAIT_SECONDS, TimeUnit.SECONDS), "saw " + seen.size() + " of 50");
        await(second.stop());
        assertTrue(collector.handled.size() < 50, "the restarted consumer resumed, it did not start over");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void failuresAreRetriedThenDeadLetteredWithoutBreakingOrder(String backend) throws Exception {
        MessageQueue queue = queues.get(backend).queue();
        String topic = "retry" + (fresh++);
        List<String> handled = new CopyOnWriteArrayList<>();
        var done = new CountDownLatch(1);
        MessageQueue.MessageHandler app = m -> {
            String payload = text(m.payload());
            handled.add(payload + "@" + m.attempt());
            if (payload.equals("last")) {
                done.countDown();
            }
            boolean fails = payload.equals("bad") || payload.equals("flaky") && m.attempt() == 1;
            return fails ? Future.failedFuture("no luck with " + payload) : Future.succeededFuture();
        };
        var retrying = new RetryingHandler(vertx, app, 3, Duration.ofMillis(5), queue);
        var dead = new Collector(1);
        MessageQueue.Subscription dlq = await(queue.subscribe(topic + RetryingHandler.DLQ_SUFFIX, "g", dead));
        for (String payload : List.of("good", "bad", "flaky", "last")) {
            await(queue.publish(topic, message("same-key", payload)));
        }
        MessageQueue.Subscription main = await(queue.subscribe(topic, "g", retrying));
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "handled " + handled);
        dead.await(1);
        await(main.stop());
        await(dlq.stop());
        assertEquals(List.of("good@1", "bad@1", "bad@2", "bad@3", "flaky@1", "flaky@2", "last@1"), handled);
        Message deadLetter = dead.handled.get(0);
        assertEquals("bad", text(deadLetter.payload()));
        assertEquals("same-key", deadLetter.key());
        assertEquals("no luck with bad", deadLetter.headers().get(RetryingHandler.REASON_HEADER));
        assertEquals("3", deadLetter.headers().get("wedge-dlq-attempts"));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void oversizedMessagesAreRefused(String backend) throws Exception {
        MessageQueue queue = queues.get(backend).queue();
        var big = new OutboundMessage(null, new byte[QueueConfig.DEFAULT_MAX_MESSAGE_BYTES + 1], Map.of());
        Throwable failure = queue.publish("big" + (fresh++), big).toCompletionStage().toCompletableFuture()
                .handle((id, error) -> error).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(failure instanceof QueueException e && e.kind() == QueueException.Kind.TOO_LARGE
                || failure != null && failure.getCause() instanceof QueueException c
                        && c.kind() == QueueException.Kind.TOO_LARGE, String.valueOf(failure));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void messagesWithoutKeysAndWithHeadersRoundTrip(String backend) throws Exception {
        MessageQueue queue = queues.get(backend).queue();
        String topic = "plain" + (fresh++);
        String id = await(queue.publish(topic, new OutboundMessage(null, new byte[] {0, 1, 2},
                Map.of("content-type", "application/octet-stream"))));
        var collector = new Collector(1);
        MessageQueue.Subscription subscription = await(queue.subscribe(topic, "g", collector));
        collector.await(1);
        await(subscription.stop());
        Message received = collector.handled.get(0);
        assertEquals(null, received.key());
        assertEquals(id, received.id());
        assertEquals(List.of(0, 1, 2), List.of(received.payload()[0] + 0, received.payload()[1] + 0,
                received.payload()[2] + 0));
        assertEquals("application/octet-stream", received.headers().get("content-type"));
    }
}
