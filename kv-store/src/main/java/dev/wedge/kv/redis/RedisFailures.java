package dev.wedge.kv.redis;

import dev.wedge.kv.KvException;
import java.util.concurrent.TimeoutException;

/** Turns what the Redis client reports into the store's failure kinds. */
final class RedisFailures {

    private RedisFailures() {}

    static KvException classify(Throwable failure) {
        if (failure instanceof KvException known) {
            return known;
        }
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof TimeoutException || message.contains("Timeout") || message.contains("timed out")) {
            return new KvException(KvException.Kind.TIMEOUT, "redis did not answer in time", failure);
        }
        if (message.startsWith("WRONGTYPE") || message.contains("not an integer") || message.contains("overflow")
                || message.contains("not a valid float")) {
            return new KvException(KvException.Kind.WRONG_VALUE, message, failure);
        }
        return new KvException(KvException.Kind.UNAVAILABLE, "redis is unavailable: " + message, failure);
    }
}
