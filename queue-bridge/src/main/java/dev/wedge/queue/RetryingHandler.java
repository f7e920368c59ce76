package dev.wedge.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Retries a failing handler with exponential backoff, up to a number of attempts, then moves the message to the
 * dead-letter topic {@code TOPIC.dlq} with the reason, so the subscription can go on. The retries happen before
 * the next message is delivered, which keeps messages of one key in order.
 */
public final class RetryingHandler implements MessageQueue.MessageHandler {

    public static final String DLQ_SUFFIX = ".dlq";
    private static final System.Logger LOG = System.getLogger(RetryingHandler.class.getName());
    public static final String REASON_HEADER = "wedge-dlq-reason";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final MessageQueue.MessageHandler target;
    private final int maxAttempts;
    private final Duration backoff;
    private final MessageQueue deadLetters;

    /** @param deadLetters the queue the dead-letter topic lives in (the subscribed one) */
    public RetryingHandler(Vertx vertx, MessageQueue.MessageHandler target, int maxAttempts, Duration backoff,
            MessageQueue deadLetters) {
        this.vertx = vertx;
        this.target = target;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.deadLetters = deadLetters;
    }

    /**
     * A failure that is not the message's fault (the node is stopping): no retry, no dead letter; the
     * subscription stops without consuming the message, so it is delivered again later.
     */
    public static final class Abandoned extends RuntimeException {
        public Abandoned(String reason) {
            super(reason, null, false, false);
        }
    }

    @Override
    public Future<Void> handle(Message message) {
        return attempt(message.withAttempt(1));
    }

    private Future<Void> attempt(Message message) {
        return target.handle(message).recover(failure -> {
            if (failure instanceof Abandoned) {
                return Future.failedFuture(failure);
            }
            return message.attempt() < maxAttempts
                    ? delay(message.attempt()).compose(waited -> attempt(message.withAttempt(message.attempt() + 1)))
                    : deadLetter(message, failure, 1);
        });
    }

    private Future<Void> delay(int attempt) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), backoff.toMillis() << Math.min(attempt - 1, 20));
        Promise<Void> waited = Promise.promise();
        vertx.setTimer(Math.max(1, millis), id -> waited.complete());
        return waited.future();
    }

    /**
     * Publishes to the dead-letter topic, retrying with backoff until it is stored: giving up would either lose
     * the message or stop the subscription for good.
     */
    private Future<Void> deadLetter(Message message, Throwable failure, int publishAttempt) {
        return publishDeadLetter(message, failure).recover(publishFailure -> {
            LOG.log(System.Logger.Level.WARNING, "cannot dead-letter message " + message.id() + " of "
                    + message.topic() + " yet: " + publishFailure.getMessage());
            return delay(publishAttempt).compose(waited -> deadLetter(message, failure, publishAttempt + 1));
        });
    }

    private Future<Void> publishDeadLetter(Message message, Throwable failure) {
        Map<String, String> headers = new HashMap<>(message.headers());
        headers.put(REASON_HEADER, String.valueOf(failure.getMessage()));
        headers.put("wedge-dlq-attempts", Integer.toString(message.attempt()));
        headers.put("wedge-dlq-topic", message.topic());
        headers.put("wedge-dlq-id", message.id());
        var dead = new OutboundMessage(message.key(), message.payload(), headers);
        return deadLetters.publish(message.topic() + DLQ_SUFFIX, dead).mapEmpty();
    }
}
