package dev.wedge.observe;

import dev.wedge.host.run.AppLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last lines of every app, in a bounded ring buffer per app, for the admin API's tail and follow; every
 * line also goes on to the node's own log.
 */
public final class AppLogBook implements AppLog {

    public static final int DEFAULT_CAPACITY = 1000;

    private final AppLog next;
    private final int capacity;
    private final Map<String, ArrayDeque<Entry>> buffers = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<Entry>>> followers = new ConcurrentHashMap<>();

    public AppLogBook(AppLog next, int capacity) {
        this.next = next;
        this.capacity = capacity;
    }

    @Override
    public void line(String app, String stream, int level, String text) {
        next.line(app, stream, level, text);
    }

    @Override
    public void entry(Entry entry) {
        ArrayDeque<Entry> buffer = buffers.computeIfAbsent(entry.app(), app -> new ArrayDeque<>());
        synchronized (buffer) {
            if (buffer.size() == capacity) {
                buffer.removeFirst();
            }
            buffer.addLast(entry);
        }
        followers.getOrDefault(entry.app(), List.of()).forEach(follower -> follower.accept(entry));
        next.entry(entry);
    }

    /** Up to {@code lines} most recent entries of an app, oldest first. */
    public List<Entry> tail(String app, int lines) {
        ArrayDeque<Entry> buffer = buffers.get(app);
        if (buffer == null) {
            return List.of();
        }
        synchronized (buffer) {
            List<Entry> all = new ArrayList<>(buffer);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        }
    }

    /** Drops the lines of an app that was deleted; those who follow it keep following until they stop. */
    public void forget(String app) {
        buffers.remove(app);
    }

    /**
     * Calls {@code follower} with every new entry of the app until the returned handle is run. Adding and removing
     * are atomic per app, so the last follower to leave takes the app's list with it.
     */
    public Runnable follow(String app, Consumer<Entry> follower) {
        followers.compute(app, (key, list) -> {
            List<Consumer<Entry>> next = list != null ? list : new CopyOnWriteArrayList<>();
            next.add(follower);
            return next;
        });
        return () -> followers.computeIfPresent(app, (key, list) -> {
            list.remove(follower);
            return list.isEmpty() ? null : list;
        });
    }
}
