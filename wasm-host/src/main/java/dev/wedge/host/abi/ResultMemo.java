package dev.wedge.host.abi;

import java.util.function.Supplier;

/**
 * Keeps the result of a call that answered {@code BUFFER_TOO_SMALL}, so the guest's retry with a larger buffer
 * gets the same bytes without a second backend round trip (docs/abi.md: "Retries are free"). Any other answer
 * forgets it, so a later identical call sees fresh data. One per request.
 */
public final class ResultMemo {

    private String key;
    private byte[] value;

    /** The remembered result for {@code callKey}, or a freshly computed one. */
    public byte[] recall(String callKey, Supplier<byte[]> compute) {
        if (callKey.equals(key)) {
            return value;
        }
        return compute.get();
    }

    /** Records how the call ended: the result is kept only if the guest will retry. */
    public Status settle(String callKey, byte[] result, Status status) {
        if (status == Status.BUFFER_TOO_SMALL) {
            key = callKey;
            value = result;
        } else {
            key = null;
            value = null;
        }
        return status;
    }
}
