package dev.wedge.queue.embedded;

import dev.wedge.queue.Message;
import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.OutboundMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers a topic's messages to one handler, one at a time from the group's committed offset. It sleeps when
 * it has caught up and is woken by every publish to the topic; a wake that arrives while it is busy is kept, so
 * no message waits for the next publish.
 */
final class EmbeddedSubscription implements MessageQueue.Subscription {

    private static final System.Logger LOG = System.getLogger(EmbeddedSubscription.class.getName());

    private final Vertx vertx;
    private final TopicLog log;
    private final String topic;
    private final String storedTopic;
    private final String group;
    private final MessageQueue.MessageHandler handler;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean wokenWhileBusy = new AtomicBoolean();
    private volatile boolean stopped;

    EmbeddedSubscription(Vertx vertx, TopicLog log, String topic, String storedTopic, String group,
            MessageQueue.MessageHandler handler) {
        this.vertx = vertx;
        this.log = log;
        this.topic = topic;
        this.storedTopic = storedTopic;
        this.group = group;
        this.handler = handler;
    }

    /** Raises the flag before trying to take the loop, so a loop going idle at that moment sees it. */
    void wake() {
        if (stopped) {
            return;
        }
        wokenWhileBusy.set(true);
        if (busy.compareAndSet(false, true)) {
            wokenWhileBusy.set(false);
            deliverNext();
        }
    }

    private void deliverNext() {
        if (stopped) {
            busy.set(false);
            return;
        }
        vertx.executeBlocking(() -> {
            long offset = log.nextOffset(storedTopic, group);
            OutboundMessage stored = log.read(storedTopic, offset);
            return stored == null ? null : new Message(topic, stored.key(), stored.payload(), stored.headers(),
                    Long.toString(offset), 1);
        }, false).onComplete(next -> {
            if (next.failed() || next.result() == null || stopped) {
                if (next.failed()) {
                    LOG.log(System.Logger.Level.WARNING, "cannot read " + topic, next.cause());
                }
                idle();
                return;
            }
            Message message = next.result();
            handle(message)
                    .compose(done -> vertx.executeBlocking(() -> {
                        log.consumed(storedTopic, group, Long.parseLong(message.id()));
                        return null;
                    }, false))
                    .onSuccess(done -> deliverNext())
                    .onFailure(failure -> {
                        LOG.log(System.Logger.Level.WARNING, "subscription to " + topic + " (" + group
                                + ") stopped at message " + message.id(), failure);
                        stopped = true;
                        busy.set(false);
                    });
        });
    }

    private void idle() {
        busy.set(false);
        if (wokenWhileBusy.getAndSet(false)) {
            wake();
        }
    }

    private Future<Void> handle(Message message) {
        try {
            return handler.handle(message);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        return Future.succeededFuture();
    }
}
