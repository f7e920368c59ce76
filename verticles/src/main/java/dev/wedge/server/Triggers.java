package dev.wedge.server;

import dev.wedge.config.TriggerSpec;
import dev.wedge.queue.Message;
import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.Queues;
import dev.wedge.queue.RetryingHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's queue subscriptions: each trigger feeds a topic of the app's namespace to its message handler,
 * through the app's gate and the worker pool like any request, with retries and dead-lettering.
 */
final class Triggers {

    private final List<MessageQueue.Subscription> subscriptions = new ArrayList<>();

    Future<Void> start(Vertx vertx, Queues queues, DeployedApp app, List<TriggerSpec> triggers, WasmExecutor executor) {
        List<Future<MessageQueue.Subscription>> started = new ArrayList<>();
        String namespace = app.app().config().queues().namespaceOf(app.name());
        for (TriggerSpec trigger : triggers) {
            MessageQueue queue = queues.get(trigger.queue()).queue();
            MessageQueue.MessageHandler toGuest = message -> app.gate()
                    .submit(() -> executor.runMessage(app, withoutNamespace(message, trigger.topic())))
                    .compose(response -> response.error() == null ? Future.succeededFuture()
                            : Future.failedFuture(response.error() + ": "
                                    + new String(response.body(), StandardCharsets.UTF_8).strip()));
            var retrying = new RetryingHandler(vertx, toGuest, trigger.maxAttempts(), trigger.backoff(), queue);
            started.add(queue.subscribe(Queues.inNamespace(namespace, trigger.topic()), trigger.group(), retrying)
                    .andThen(done -> {
                        if (done.succeeded()) {
                            synchronized (subscriptions) {
                                subscriptions.add(done.result());
                            }
                        }
                    }));
        }
        return Future.all(started).mapEmpty();
    }

    /** Apps see their own topic names; the namespace is the node's business. */
    private static Message withoutNamespace(Message message, String topic) {
        return new Message(topic, message.key(), message.payload(), message.headers(), message.id(),
                message.attempt());
    }

    Future<Void> stop() {
        List<Future<Void>> stopping = new ArrayList<>();
        synchronized (subscriptions) {
            subscriptions.forEach(subscription -> stopping.add(subscription.stop()));
            subscriptions.clear();
        }
        return Future.join(stopping).mapEmpty();
    }
}
