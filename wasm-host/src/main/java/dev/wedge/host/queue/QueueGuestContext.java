package dev.wedge.host.queue;

import dev.wedge.queue.Message;

/** What the queue and message imports need from the request or message they serve. */
public interface QueueGuestContext {

    QueueAccess queues();

    /** The message being handled, or null outside a message handler. */
    Message message();
}
