package dev.wedge.queue.kafka;

import dev.wedge.queue.QueueException;
import dev.wedge.queue.QueueException.Kind;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;

/** Says what a Kafka client failure means to an app, as a {@link QueueException}. */
final class KafkaFailures {

    private KafkaFailures() {
    }

    static QueueException publish(String topic, Throwable failure) {
        if (failure instanceof QueueException known) {
            return known;
        }
        Kind kind = kindOf(failure);
        String what = switch (kind) {
            case TIMEOUT -> "Kafka did not confirm a message to " + topic + " in time";
            case TOO_LARGE -> "Kafka rejected a message to " + topic + " as too large";
            case UNAVAILABLE -> "Kafka cannot take a message to " + topic;
        };
        return new QueueException(kind, what + ": " + failure.getMessage(), failure);
    }

    /**
     * The client reports both metadata waits and expired deliveries as a Kafka TimeoutException, maybe wrapped;
     * a Vert.x future that timed out fails with the JDK's.
     */
    private static Kind kindOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
                return Kind.TIMEOUT;
            }
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
                return Kind.TOO_LARGE;
            }
        }
        return Kind.UNAVAILABLE;
    }
}
