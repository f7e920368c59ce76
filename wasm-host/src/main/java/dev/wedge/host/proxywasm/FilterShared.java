package dev.wedge.host.proxywasm;

import dev.wedge.host.abi.ProxyStatus;

import dev.wedge.host.capability.RunListener;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What proxy-wasm filters share across requests on one node: shared data (with compare-and-set), shared queues
 * and the metrics they define. Every name lives in its app's namespace, like key-value keys, so no app reads or
 * fills another's. Bounded per app: a filter cannot grow the node's heap without limit.
 */
public final class FilterShared {

    public static final int MAX_KEYS_PER_APP = 10_000;
    public static final int MAX_VALUE_BYTES = 1024 * 1024;
    public static final int MAX_QUEUES_PER_APP = 100;
    public static final int MAX_QUEUE_ITEMS = 10_000;
    public static final int MAX_METRICS_PER_APP = 100;

    /** A shared-data value and its CAS version (never 0: 0 in a set means "no check"). */
    record Versioned(byte[] value, int cas) {}

    private final Map<String, Map<String, Versioned>> data = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> queueIds = new ConcurrentHashMap<>();
    private final Map<Integer, Queue> queues = new ConcurrentHashMap<>();
    private final Map<String, Map<String, GuestMetric>> metricsByName = new ConcurrentHashMap<>();
    private final Map<Integer, GuestMetric> metrics = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private record Queue(String app, ArrayDeque<byte[]> items) {}

    Versioned get(String app, String key) {
        return data.getOrDefault(app, Map.of()).get(key);
    }

    /** @return {@link ProxyStatus#OK}, {@code CAS_MISMATCH} or {@code BAD_ARGUMENT} (over a limit) */
    int set(String app, String key, byte[] value, int cas) {
        if (value.length > MAX_VALUE_BYTES) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        Map<String, Versioned> values = data.computeIfAbsent(app, name -> new ConcurrentHashMap<>());
        int[] status = {ProxyStatus.OK};
        values.compute(key, (name, current) -> {
            if (current == null && values.size() >= MAX_KEYS_PER_APP) {
                status[0] = ProxyStatus.BAD_ARGUMENT;
                return null;
            }
            if (cas != 0 && (current == null || current.cas() != cas)) {
                status[0] = ProxyStatus.CAS_MISMATCH;
                return current;
            }
            int next = current == null ? 1 : current.cas() + 1;
            return new Versioned(value, next == 0 ? 1 : next);
        });
        return status[0];
    }

    /** The queue's token (the same for the same name), or -1 past the app's limit. */
    int register(String app, String name) {
        Map<String, Integer> named = queueIds.computeIfAbsent(app, key -> new ConcurrentHashMap<>());
        synchronized (named) {
            Integer id = named.get(name);
            if (id == null) {
                if (named.size() >= MAX_QUEUES_PER_APP) {
                    return -1;
                }
                id = ids.incrementAndGet();
                named.put(name, id);
                queues.put(id, new Queue(app, new ArrayDeque<>()));
            }
            return id;
        }
    }

    Integer resolve(String app, String name) {
        return queueIds.getOrDefault(app, Map.of()).get(name);
    }

    /** @return OK, NOT_FOUND (no such queue of this app) or BAD_ARGUMENT (full, or the value too large) */
    int enqueue(String app, int token, byte[] value) {
        Queue queue = queues.get(token);
        if (queue == null || !queue.app().equals(app)) {
            return ProxyStatus.NOT_FOUND;
        }
        synchronized (queue) {
            if (queue.items().size() >= MAX_QUEUE_ITEMS || value.length > MAX_VALUE_BYTES) {
                return ProxyStatus.BAD_ARGUMENT;
            }
            queue.items().addLast(value);
        }
        return ProxyStatus.OK;
    }

    /** The oldest item, an empty array's absence as null when the queue is empty. @throws when no such queue */
    byte[] dequeue(String app, int token) {
        Queue queue = queues.get(token);
        if (queue == null || !queue.app().equals(app)) {
            throw ProxyStatus.fail(ProxyStatus.NOT_FOUND, "no queue " + token);
        }
        synchronized (queue) {
            return queue.items().pollFirst();
        }
    }

    /** The metric's id (the same for the same name and type), or -1 past the app's limit. */
    int define(String app, GuestMetric.Type type, String name, RunListener listener) {
        Map<String, GuestMetric> named = metricsByName.computeIfAbsent(app, key -> new ConcurrentHashMap<>());
        synchronized (named) {
            GuestMetric metric = named.get(name);
            if (metric == null) {
                if (named.size() >= MAX_METRICS_PER_APP) {
                    return -1;
                }
                metric = new GuestMetric(ids.incrementAndGet(), app, type, name);
                named.put(name, metric);
                metrics.put(metric.id(), metric);
                if (type != GuestMetric.Type.HISTOGRAM) {
                    listener.guestMetric(app, type.label(), name, metric::value);
                }
            }
            return metric.type() == type ? metric.id() : -1;
        }
    }

    GuestMetric metric(String app, int id) {
        GuestMetric metric = metrics.get(id);
        if (metric == null || !metric.app().equals(app)) {
            throw ProxyStatus.fail(ProxyStatus.NOT_FOUND, "no metric " + id);
        }
        return metric;
    }
}
