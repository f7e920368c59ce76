package dev.wedge.server;

import dev.wedge.config.TriggerSpec;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.queue.QueueCapability;
import dev.wedge.queue.Message;
import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.Queues;
import dev.wedge.queue.RetryingHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The node's queue subscriptions: each trigger feeds a topic of the app's namespace to its message handler,
 * through the app's gate and the worker pool like any request, with retries and dead-lettering.
 */
public final class Triggers {

    private static final long BUSY_RETRY_MILLIS = 50;

    private final List<MessageQueue.Subscription> subscriptions = new ArrayList<>();
    private boolean stopped;

    public Future<Void> start(Vertx vertx, Queues queues, DeployedApp app, List<TriggerSpec> triggers,
            WasmExecutor executor) {
        List<Future<MessageQueue.Subscription>> started = new ArrayList<>();
        String namespace = app.app().config().settings().get(QueueCapability.SETTINGS).namespaceOf(app.name());
        for (TriggerSpec trigger : triggers) {
            MessageQueue queue = queues.get(trigger.queue()).queue();
            MessageQueue.MessageHandler toGuest = message -> admitted(vertx, app,
                    () -> executor.runMessage(app, withoutNamespace(message, trigger.topic())))
                    .compose(response -> response.error() == null ? Future.succeededFuture()
                            : Future.failedFuture(response.error() + ": "
                                    + new String(response.body(), StandardCharsets.UTF_8).strip()));
            var retrying = new RetryingHandler(vertx, toGuest, trigger.maxAttempts(), trigger.backoff(), queue);
            // Groups are namespaced like topics: two apps' groups of one name never share offsets.
            String group = Queues.inNamespace(namespace, trigger.group());
            started.add(queue.subscribe(Queues.inNamespace(namespace, trigger.topic()), group, retrying)
                    .andThen(done -> {
                        if (done.succeeded()) {
                            keep(done.result());
                        }
                    }));
        }
        return Future.all(started).mapEmpty();
    }

    /**
     * Runs the guest once the app's gate admits it. A full gate is load, not the message's fault: wait and try
     * again without spending an attempt. A stopping node abandons the message, to be delivered again later.
     */
    private static Future<AppResponse> admitted(Vertx vertx, DeployedApp app, Supplier<Future<AppResponse>> guest) {
        // Never cancelled: a message is delivered at least once, and one stopped halfway would only run again.
        return app.gate().submit(guest, Cancellation.NEVER).recover(failure -> {
            if (failure instanceof WasmExecutor.Stopping) {
                return Future.failedFuture(new RetryingHandler.Abandoned(failure.getMessage()));
            }
            if (failure instanceof AppGate.Busy) {
                Promise<Void> later = Promise.promise();
                vertx.setTimer(BUSY_RETRY_MILLIS, id -> later.complete());
                return later.future().compose(waited -> admitted(vertx, app, guest));
            }
            return Future.failedFuture(failure);
        });
    }

    /** Keeps a new subscription, or stops it at once when the node is already stopping. */
    private void keep(MessageQueue.Subscription subscription) {
        synchronized (subscriptions) {
            if (!stopped) {
                subscriptions.add(subscription);
                return;
            }
        }
        subscription.stop();
    }

    /** Apps see their own topic names; the namespace is the node's business. */
    private static Message withoutNamespace(Message message, String topic) {
        return new Message(topic, message.key(), message.payload(), message.headers(), message.id(),
                message.attempt());
    }

    public Future<Void> stop() {
        List<Future<Void>> stopping = new ArrayList<>();
        synchronized (subscriptions) {
            stopped = true;
            subscriptions.forEach(subscription -> stopping.add(subscription.stop()));
            subscriptions.clear();
        }
        return Future.join(stopping).mapEmpty();
    }
}
