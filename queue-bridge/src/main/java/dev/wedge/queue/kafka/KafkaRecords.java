package dev.wedge.queue.kafka;

import dev.wedge.queue.Message;
import dev.wedge.queue.OutboundMessage;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Converts between queue messages and Kafka records; a message id is {@code PARTITION-OFFSET}. */
final class KafkaRecords {

    private static final byte[] EMPTY = new byte[0];

    private KafkaRecords() {
    }

    static KafkaProducerRecord<String, byte[]> outbound(String backendTopic, OutboundMessage message) {
        KafkaProducerRecord<String, byte[]> record =
                KafkaProducerRecord.create(backendTopic, message.key(), message.payload());
        message.headers().forEach((name, value) ->
                record.addHeader(KafkaHeader.header(name, value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    static String id(RecordMetadata metadata) {
        return id(metadata.getPartition(), metadata.getOffset());
    }

    /** @param topic the topic as the subscriber named it, without the queue's prefix */
    static Message inbound(String topic, ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            // a later header of the same name wins, as with a map put
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        byte[] payload = record.value() == null ? EMPTY : record.value();
        return new Message(topic, record.key(), payload, headers, id(record.partition(), record.offset()), 1);
    }

    private static String id(int partition, long offset) {
        return partition + "-" + offset;
    }
}
