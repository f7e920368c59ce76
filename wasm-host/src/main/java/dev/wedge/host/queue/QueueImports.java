package dev.wedge.host.queue;

import static dev.wedge.host.abi.AbiFunction.wedge;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.Status;
import dev.wedge.host.http.HeaderMaps;
import dev.wedge.queue.Message;
import dev.wedge.queue.OutboundMessage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The {@code wedge.queue_*} and {@code wedge.message_*} imports. */
public final class QueueImports {

    private static final long NO_KEY = 0xFFFFFFFFL;

    private QueueImports() {}

    public static <S extends QueueGuestContext> List<AbiFunction<S>> functions() {
        return List.of(
                wedge("queue_publish", 10, (S scope, HostCall call) -> {
                    String queue = call.utf8(0, 1);
                    String topic = call.utf8(2, 3);
                    String key = call.u32(5) == NO_KEY ? null : call.utf8(4, 5);
                    call.check(call.u32(6), call.u32(7));
                    Map<String, String> headers = HeaderMaps.parse(call.bytes(8, 9));
                    scope.queues().publish(queue, topic, new OutboundMessage(key, call.bytes(6, 7), headers));
                    return Status.OK;
                }),
                wedge("queue_last_id", 3, (S scope, HostCall call) ->
                        call.writeText(0, 1, 2, () -> scope.queues().lastId())),
                text("message_topic", Message::topic),
                text("message_key", Message::key),
                text("message_id", Message::id),
                wedge("message_attempt", 1, (S scope, HostCall call) -> {
                    call.check(call.u32(0), 4);
                    call.writeU32(call.u32(0), message(scope).attempt());
                    return Status.OK;
                }),
                wedge("message_header", 5, (S scope, HostCall call) -> {
                    String name = call.utf8(0, 1);
                    return call.writeText(2, 3, 4, () -> message(scope).headers().get(name));
                }),
                wedge("message_headers", 3, (S scope, HostCall call) -> {
                    call.checkOut(0, 1, 2);
                    return call.writeOut(HeaderMaps.encode(message(scope).headers().entrySet()), 0, 1, 2);
                }),
                wedge("message_payload_size", 1, (S scope, HostCall call) -> {
                    call.check(call.u32(0), 4);
                    call.writeU32(call.u32(0), message(scope).payload().length);
                    return Status.OK;
                }),
                wedge("message_payload_read", 4, (S scope, HostCall call) -> {
                    call.checkOut(1, 2, 3);
                    call.writePartial(message(scope).payload(), call.u32(0), 1, 2, 3);
                    return Status.OK;
                }));
    }

    /** {@code (buf, cap, out_len)} imports answering one text field of the message; NOT_FOUND when null. */
    private static <S extends QueueGuestContext> AbiFunction<S> text(String name, Function<Message, String> field) {
        return wedge(name, 3, (S scope, HostCall call) -> call.writeText(0, 1, 2, () -> field.apply(message(scope))));
    }

    private static Message message(QueueGuestContext scope) {
        Message message = scope.message();
        if (message == null) {
            throw new AbiException(Status.UNSUPPORTED, "no message outside a message handler");
        }
        return message;
    }
}
