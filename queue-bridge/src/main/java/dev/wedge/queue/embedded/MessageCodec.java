package dev.wedge.queue.embedded;

import dev.wedge.queue.OutboundMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the embedded log stores a message: key (optional), headers, payload. */
final class MessageCodec {

    private MessageCodec() {}

    static byte[] encode(OutboundMessage message) {
        var bytes = new ByteArrayOutputStream(message.payload().length + 64);
        try (var out = new DataOutputStream(bytes)) {
            out.writeBoolean(message.key() != null);
            if (message.key() != null) {
                out.writeUTF(message.key());
            }
            out.writeInt(message.headers().size());
            for (var header : message.headers().entrySet()) {
                out.writeUTF(header.getKey());
                out.writeUTF(header.getValue());
            }
            out.writeInt(message.payload().length);
            out.write(message.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static OutboundMessage decode(byte[] stored) {
        try (var in = new DataInputStream(new ByteArrayInputStream(stored))) {
            String key = in.readBoolean() ? in.readUTF() : null;
            int count = in.readInt();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                headers.put(in.readUTF(), in.readUTF());
            }
            byte[] payload = in.readNBytes(in.readInt());
            return new OutboundMessage(key, payload, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
