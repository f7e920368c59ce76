package dev.wedge.queue;

import static dev.wedge.queue.QueueContractTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.queue.embedded.EmbeddedQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only a single-node, on-disk queue promises: messages and consumer progress survive a restart. */
class EmbeddedQueueTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void messagesAndProgressSurviveARestart() throws Exception {
        Path file = Files.createTempDirectory("wedge-q").resolve("q.mv.db");
        var config = QueueConfig.of("q", "embedded", null);
        var first = new EmbeddedQueue(vertx, config, file);
        for (int i = 0; i < 5; i++) {
            await(first.publish("t", new OutboundMessage(null, ("m" + i).getBytes(StandardCharsets.UTF_8), Map.of())));
        }
        var two = new CountDownLatch(2);
        List<String> before = new CopyOnWriteArrayList<>();
        await(first.subscribe("t", "g", m -> {
            before.add(new String(m.payload(), StandardCharsets.UTF_8));
            two.countDown();
            return two.getCount() == 0 ? Future.failedFuture("stop here, unconsumed") : Future.succeededFuture();
        }));
        assertTrue(two.await(10, TimeUnit.SECONDS));
        await(first.close());

        var second = new EmbeddedQueue(vertx, config, file);
        var rest = new CountDownLatch(4);
        List<String> after = new CopyOnWriteArrayList<>();
        await(second.subscribe("t", "g", m -> {
            after.add(new String(m.payload(), StandardCharsets.UTF_8));
            rest.countDown();
            return Future.succeededFuture();
        }));
        assertTrue(rest.await(10, TimeUnit.SECONDS), "after restart: " + after);
        assertEquals(List.of("m0", "m1"), before);
        assertEquals(List.of("m1", "m2", "m3", "m4"), after, "m1 failed before the restart, so it comes again");
        await(second.close());
    }
}
