package dev.wedge.queue;

import static dev.wedge.queue.QueueContractTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.queue.embedded.EmbeddedQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry and dead-letter rules, on the embedded queue, with publishes failing on purpose where a test needs it. */
class RetryingHandlerTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private EmbeddedQueue queue() throws Exception {
        return new EmbeddedQueue(vertx, QueueConfig.of("q", "embedded", null),
                Files.createTempDirectory("wedge-q").resolve("q.mv.db"));
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Message message(String payload) {
        return new Message("t", "k", b(payload), Map.of(), "0", 1);
    }

    /** A queue whose first publishes fail as if the backend were down. */
    private static MessageQueue failingFirst(MessageQueue queue, int failures) {
        var left = new AtomicInteger(failures);
        return new MessageQueue() {
            @Override
            public Future<String> publish(String topic, OutboundMessage message) {
                return left.getAndDecrement() > 0
                        ? Future.failedFuture(new QueueException(QueueException.Kind.UNAVAILABLE, "down", null))
                        : queue.publish(topic, message);
            }

            @Override
            public Future<Subscription> subscribe(String topic, String group, MessageHandler handler) {
                return queue.subscribe(topic, group, handler);
            }

            @Override
            public Future<Void> close() {
                return queue.close();
            }
        };
    }

    @Test
    void deadLetteringWaitsForTheBackendInsteadOfGivingUp() throws Exception {
        EmbeddedQueue queue = queue();
        var retrying = new RetryingHandler(vertx, m -> Future.failedFuture("always"), 2, Duration.ofMillis(1),
                failingFirst(queue, 3));
        await(retrying.handle(message("poison")));
        var dead = new CompletableFuture<Message>();
        await(queue.subscribe("t" + RetryingHandler.DLQ_SUFFIX, "g", m -> {
            dead.complete(m);
            return Future.succeededFuture();
        }));
        Message letter = dead.get(10, TimeUnit.SECONDS);
        assertEquals("poison", new String(letter.payload(), StandardCharsets.UTF_8));
        assertEquals("2", letter.headers().get("wedge-dlq-attempts"));
        await(queue.close());
    }

    @Test
    void abandonedDeliveriesAreNeitherRetriedNorDeadLettered() throws Exception {
        EmbeddedQueue queue = queue();
        var calls = new AtomicInteger();
        var retrying = new RetryingHandler(vertx, m -> {
            calls.incrementAndGet();
            return Future.failedFuture(new RetryingHandler.Abandoned("stopping"));
        }, 5, Duration.ofMillis(1), queue);
        Throwable failure = retrying.handle(message("m")).toCompletionStage().toCompletableFuture()
                .handle((ok, error) -> error).get(10, TimeUnit.SECONDS);
        assertInstanceOf(RetryingHandler.Abandoned.class, failure);
        assertEquals(1, calls.get());
        // a marker published to the dead-letter topic now comes after anything dead-lettered before
        String deadLetters = "t" + RetryingHandler.DLQ_SUFFIX;
        await(queue.publish(deadLetters, new OutboundMessage(null, b("marker"), Map.of())));
        List<String> delivered = new CopyOnWriteArrayList<>();
        var markerArrived = new CountDownLatch(1);
        MessageQueue.Subscription dlq = await(queue.subscribe(deadLetters, "g", m -> {
            String payload = new String(m.payload(), StandardCharsets.UTF_8);
            delivered.add(payload);
            if (payload.equals("marker")) {
                markerArrived.countDown();
            }
            return Future.succeededFuture();
        }));
        assertTrue(markerArrived.await(10, TimeUnit.SECONDS), "the marker was not delivered");
        await(dlq.stop());
        assertEquals(List.of("marker"), delivered, "nothing was dead-lettered");
        await(queue.close());
    }

    @Test
    void oneGroupConsumesATopicOncePerNode() throws Exception {
        EmbeddedQueue queue = queue();
        MessageQueue.Subscription first = await(queue.subscribe("t", "g", m -> Future.succeededFuture()));
        assertTrue(queue.subscribe("t", "g", m -> Future.succeededFuture()).failed(), "a second consumer of g");
        await(first.stop());
        await(queue.subscribe("t", "g", m -> Future.succeededFuture()));
        await(queue.close());
    }

    @Test
    void namespacesCannotContainDotsAndAppNamesAreMadeSafe() {
        assertFalse(Queues.validNamespace("shop.orders"), "a dot would let topics reach across namespaces");
        assertTrue(Queues.validNamespace("shop_1-a"));
        assertEquals("my_app", Queues.namespaceOf("my.app"));
        assertEquals("shop.orders.dlq", Queues.inNamespace("shop", "orders.dlq"));
        assertFalse(Queues.validTopic("x".repeat(161)), "room for namespace, prefix and .dlq in Kafka's 249");
        assertFalse(Queues.validPrefix("pop1:"));
    }
}
