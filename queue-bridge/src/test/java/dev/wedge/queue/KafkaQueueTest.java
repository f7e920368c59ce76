package dev.wedge.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.queue.kafka.KafkaQueueBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link dev.wedge.queue.kafka.KafkaQueue} against a real single-node Kafka broker in this JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaQueueTest {

    private static final String PREFIX = "wedge-test.";
    /** Only the outage test is about the queue's timeout; elsewhere a busy machine must not fail a publish. */
    private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than the queue's timeout, so a queue that gives up is seen failing, not the wait. */
    private static final long WAIT_SECONDS = 60;

    private Vertx vertx;
    private KafkaFixture kafka;
    private MessageQueue queue;

    @BeforeAll
    void startBroker() {
        vertx = Vertx.vertx();
        kafka = new KafkaFixture();
        queue = new KafkaQueueBackend().open(vertx, config());
    }

    @AfterAll
    void stopBroker() {
        await(queue.close());
        kafka.close();
        await(vertx.close());
    }

    private QueueConfig config() {
        return QueueConfig.of("test", "kafka", kafka.bootstrap()).withPrefix(PREFIX).withTimeout(QUEUE_TIMEOUT);
    }

    @Test
    void deliversEveryMessageOnceInPublishOrderPerKey() {
        String topic = "orders";
        List<Future<String>> published = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            published.add(queue.publish(topic, message("k" + (i % 5), "m" + i, Map.of("seq", Integer.toString(i)))));
        }
        Set<String> publishedIds = published.stream().map(KafkaQueueTest::await).collect(Collectors.toSet());
        assertEquals(50, publishedIds.size(), "publish ids are unique");

        Received received = new Received(payloads("m", 0, 50));
        MessageQueue.Subscription subscription = await(queue.subscribe(topic, "readers", received));
        received.awaitExpected();
        await(subscription.stop());

        List<Message> messages = List.copyOf(received.messages);
        assertEquals(50, messages.size(), "each message exactly once");
        assertEquals(publishedIds, messages.stream().map(Message::id).collect(Collectors.toSet()));
        assertEquals(50, received.payloads.size());
        for (Message message : messages) {
            assertEquals(topic, message.topic(), "the topic as subscribed, without the prefix");
            assertEquals(1, message.attempt());
            assertEquals("m" + message.headers().get("seq"), text(message.payload()));
        }
        for (int k = 0; k < 5; k++) {
            String key = "k" + k;
            List<Integer> order = messages.stream().filter(m -> key.equals(m.key()))
                    .map(m -> Integer.parseInt(m.headers().get("seq"))).toList();
            assertEquals(10, order.size());
            assertEquals(order.stream().sorted().toList(), order, "order of " + key);
        }
    }

    @Test
    void aSubscriptionOfTheSameGroupContinuesAfterTheCommittedOffsets() throws Exception {
        String topic = "restarts";
        for (int i = 0; i < 40; i++) {
            await(queue.publish(topic, message("k" + (i % 4), "m" + i, Map.of())));
        }
        Set<String> before = ConcurrentHashMap.newKeySet();
        CountDownLatch twenty = new CountDownLatch(20);
        MessageQueue.Subscription first = await(queue.subscribe(topic, "workers", m -> {
            before.add(text(m.payload()));
            twenty.countDown();
            return Future.succeededFuture();
        }));
        assertTrue(twenty.await(WAIT_SECONDS, TimeUnit.SECONDS), "handled " + before.size() + " of 20");
        await(first.stop());
        Set<String> handledBefore = Set.copyOf(before);

        for (int i = 40; i < 50; i++) {
            await(queue.publish(topic, message("k" + (i % 4), "m" + i, Map.of())));
        }
        Set<String> notYetHandled = payloads("m", 0, 50);
        notYetHandled.removeAll(handledBefore);
        Received after = new Received(notYetHandled);
        MessageQueue.Subscription second = await(queue.subscribe(topic, "workers", after));
        after.awaitExpected();
        await(second.stop());

        Set<String> everything = new HashSet<>(handledBefore);
        everything.addAll(after.payloads);
        assertEquals(50, everything.size(), "no published message is missing");
        Set<String> again = new HashSet<>(after.payloads);
        again.retainAll(handledBefore);
        // only a record handled but not yet committed when the first subscription stopped may come again
        assertTrue(again.size() <= 3, "redelivered after commit: " + again);
    }

    @Test
    void keysAndHeadersRoundTrip() throws Exception {
        String topic = "headers";
        Map<String, String> headers = Map.of("content-type", "text/plain; charset=utf-8", "x-note", "héllo ✓");
        String keyedId = await(queue.publish(topic, message("user-7", "keyed", headers)));
        await(queue.publish(topic, message(null, "unkeyed", Map.of())));

        Received received = new Received(Set.of("keyed", "unkeyed"));
        MessageQueue.Subscription subscription = await(queue.subscribe(topic, "inspectors", received));
        received.awaitExpected();
        await(subscription.stop());

        Map<String, Message> byPayload = received.messages.stream()
                .collect(Collectors.toMap(m -> text(m.payload()), m -> m, (a, b) -> a));
        Message keyed = byPayload.get("keyed");
        assertEquals("user-7", keyed.key());
        assertEquals(headers, keyed.headers());
        assertEquals(keyedId, keyed.id());
        assertTrue(keyed.id().matches("\\d+-\\d+"), keyed.id());
        Message unkeyed = byPayload.get("unkeyed");
        assertNull(unkeyed.key());
        assertEquals(Map.of(), unkeyed.headers());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            Set<String> topics = admin.listTopics().names().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(topics.contains(PREFIX + topic), "the backend topic carries the prefix: " + topics);
        }
    }

    @Test
    void aTooLargePayloadFailsAtOnce() {
        byte[] payload = new byte[QueueConfig.DEFAULT_MAX_MESSAGE_BYTES + 1];
        Future<String> published = queue.publish("large", new OutboundMessage("k", payload, Map.of()));
        assertTrue(published.failed(), "fails before anything is sent");
        assertEquals(QueueException.Kind.TOO_LARGE, kind(published.cause()));
    }

    @Test
    void publishesFailInTimeWhileTheBrokerIsDownAndNoAcknowledgedMessageIsLost() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        MessageQueue shortTimeout = new KafkaQueueBackend().open(vertx, config().withTimeout(timeout));
        String topic = "outage";
        Set<String> acknowledged = new HashSet<>();
        try {
            for (int i = 0; i < 5; i++) {
                acknowledged.add(publishUntilAcknowledged(shortTimeout, topic, "k" + i, "before" + i));
            }

            kafka.stop();
            long started = System.nanoTime();
            List<Future<String>> whileDown = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                whileDown.add(shortTimeout.publish(topic, message("k" + i, "down" + i, Map.of())));
            }
            // ten times the timeout: room for a busy machine, and still far below the client's own 60 s defaults
            long limitMillis = timeout.multipliedBy(10).toMillis();
            for (Future<String> publish : whileDown) {
                Throwable failure = awaitFailure(publish, limitMillis);
                QueueException.Kind kind = kind(failure);
                assertTrue(kind == QueueException.Kind.TIMEOUT || kind == QueueException.Kind.UNAVAILABLE,
                        "kind " + kind);
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(elapsed <= limitMillis, "failed after " + elapsed + " ms");
        } finally {
            kafka.start();
        }

        try {
            for (int i = 0; i < 5; i++) {
                acknowledged.add(publishUntilAcknowledged(shortTimeout, topic, "k" + i, "after" + i));
            }
            Received received = new Received(acknowledged);
            MessageQueue.Subscription subscription = await(shortTimeout.subscribe(topic, "auditors", received));
            received.awaitExpected();
            await(subscription.stop());
            assertTrue(received.payloads.containsAll(acknowledged), "acknowledged but not delivered");
        } finally {
            await(shortTimeout.close());
        }
    }

    /**
     * Publishes until Kafka acknowledges, trying again (bounded) after a try that failed in time: next to an
     * outage, reconnecting and finding leaders can outlast a short timeout on a busy machine. A failed try may
     * still be delivered; only the acknowledged payload is returned, to be counted.
     */
    private static String publishUntilAcknowledged(MessageQueue queue, String topic, String key, String payload)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Future<String> publish = queue.publish(topic, message(key, payload, Map.of()));
            Throwable failure = publish.toCompletionStage().toCompletableFuture()
                    .handle((id, error) -> error).get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (failure == null) {
                return payload;
            }
            QueueException.Kind kind = kind(failure);
            boolean inTime = kind == QueueException.Kind.TIMEOUT || kind == QueueException.Kind.UNAVAILABLE;
            assertTrue(inTime && System.nanoTime() < deadline, "publishing " + payload + " failed: " + failure);
        }
    }

    /** Records what it handles and succeeds at once; counts down as the expected payloads arrive. */
    private static final class Received implements MessageQueue.MessageHandler {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final Set<String> payloads = ConcurrentHashMap.newKeySet();
        private final Set<String> expected;
        private final CountDownLatch arrived;

        Received(Set<String> expected) {
            this.expected = Set.copyOf(expected);
            arrived = new CountDownLatch(expected.size());
        }

        @Override
        public Future<Void> handle(Message message) {
            messages.add(message);
            String payload = text(message.payload());
            if (payloads.add(payload) && expected.contains(payload)) {
                arrived.countDown();
            }
            return Future.succeededFuture();
        }

        /** Waits until every expected payload arrived, whatever else arrives too. */
        void awaitExpected() {
            try {
                assertTrue(arrived.await(WAIT_SECONDS, TimeUnit.SECONDS), "missing from " + payloads);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Set<String> payloads(String prefix, int from, int to) {
        Set<String> names = new HashSet<>();
        for (int i = from; i < to; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    private static OutboundMessage message(String key, String payload, Map<String, String> headers) {
        return new OutboundMessage(key, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static QueueException.Kind kind(Throwable failure) {
        return assertInstanceOf(QueueException.class, failure).kind();
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable awaitFailure(Future<?> future, long millis) throws Exception {
        try {
            Object value = future.toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
            throw new AssertionError("published while the broker was down: " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
