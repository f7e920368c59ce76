package dev.wedge.deploy;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Modules this node's uploads, deploys and syncs are working with right now: its own sweep neither collects them nor
 * deletes their files, whatever the records say yet. Other nodes learn of them through the module's stamp.
 */
final class ModulePins {

    private final Map<String, Integer> pins = new ConcurrentHashMap<>();

    /** Pins the module; the returned handle unpins it, once however often it runs. */
    Runnable pin(String sha256) {
        pins.merge(sha256, 1, Integer::sum);
        var unpinned = new AtomicBoolean();
        return () -> {
            if (unpinned.compareAndSet(false, true)) {
                pins.computeIfPresent(sha256, (key, count) -> count == 1 ? null : count - 1);
            }
        };
    }

    /** Keeps the module pinned while {@code work} runs. */
    <T> Future<T> during(String sha256, Supplier<Future<T>> work) {
        Runnable unpin = pin(sha256);
        try {
            return work.get().andThen(done -> unpin.run());
        } catch (RuntimeException e) {
            unpin.run();
            throw e;
        }
    }

    boolean pinned(String sha256) {
        return pins.containsKey(sha256);
    }

    Set<String> all() {
        return Set.copyOf(pins.keySet());
    }
}
