package dev.wedge.host.queue;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.HostWait;
import dev.wedge.host.abi.Status;
import dev.wedge.host.capability.RunListener;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.queue.OutboundMessage;
import dev.wedge.queue.QueueException;
import dev.wedge.queue.Queues;
import java.nio.charset.StandardCharsets;

/** One request's access to the node's queues: what it may publish where, and the id of its last publish. */
public final class QueueAccess {

    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_HEADER_BYTES = 60 * 1024;

    private final Queues queues;
    private final QueueBinding binding;
    private final String namespace;
    private final RunDeadline deadline;
    private final String app;
    private final RunListener listener;
    private String lastId;

    public QueueAccess(Queues queues, QueueBinding binding, String appName, RunDeadline deadline,
            RunListener listener) {
        this.queues = queues;
        this.binding = binding;
        this.app = appName;
        this.namespace = binding.namespaceOf(appName);
        this.deadline = deadline;
        this.listener = listener;
    }

    /** Publishes to a topic of the app's namespace and waits until the queue has it durably. */
    void publish(String queueName, String topic, OutboundMessage message) {
        Queues.Entry queue = queues.get(queueName);
        if (queue == null) {
            throw new AbiException(Status.NO_SUCH_STORE, "no queue " + queueName);
        }
        if (!Queues.validTopic(topic)) {
            throw new AbiException(Status.BAD_ARGUMENT, "a topic is 1..200 of A-Z a-z 0-9 . _ -");
        }
        if (!binding.mayPublish(queueName, topic)) {
            throw new AbiException(Status.ACCESS_DENIED, "topic " + topic + " of " + queueName + " is not bound");
        }
        if (message.key() != null && message.key().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new AbiException(Status.BAD_ARGUMENT, "a key is at most " + MAX_KEY_BYTES + " bytes");
        }
        if (headerBytes(message) > MAX_HEADER_BYTES) {
            throw new AbiException(Status.BAD_ARGUMENT, "headers are at most " + MAX_HEADER_BYTES + " bytes");
        }
        if (message.payload().length > queue.config().maxMessageBytes()) {
            throw new AbiException(Status.VALUE_TOO_LARGE, "messages are limited to "
                    + queue.config().maxMessageBytes() + " bytes");
        }
        try {
            lastId = listener.timed(app, "queue", "publish", () -> HostWait.await(
                    queue.queue().publish(Queues.inNamespace(namespace, topic), message),
                    queue.config().timeout(), deadline));
        } catch (QueueException e) {
            throw new AbiException(switch (e.kind()) {
                case TIMEOUT -> Status.TIMEOUT;
                case UNAVAILABLE -> Status.UNAVAILABLE;
                case TOO_LARGE -> Status.VALUE_TOO_LARGE;
            }, e.getMessage());
        }
    }

    private static long headerBytes(OutboundMessage message) {
        return message.headers().entrySet().stream()
                .mapToLong(h -> h.getKey().length() + h.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    /** The id of the last successful publish, or null. */
    String lastId() {
        return lastId;
    }
}
