package dev.wedge.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * App records in a map shared by the cluster, as JSON text (compared whole, so a compare-and-set sees any
 * change), and on this node's disk for the records it runs. Changes are compare-and-set loops, not locks: a
 * node that dies mid-change leaves nothing held.
 */
final class RecordStore {

    static final String MAP = "wedge.apps";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RecordStore.class.getName());
    private static final int MAX_ATTEMPTS = 100;

    private final Vertx vertx;
    private final AsyncMap<String, String> shared;
    private final Path dir;

    private RecordStore(Vertx vertx, AsyncMap<String, String> shared, Path dir) {
        this.vertx = vertx;
        this.shared = shared;
        this.dir = dir;
    }

    static Future<RecordStore> open(Vertx vertx, Path dir) {
        return vertx.sharedData().<String, String>getAsyncMap(MAP).map(map -> new RecordStore(vertx, map, dir));
    }

    /** The cluster's record of the app, or null. */
    Future<AppRecord> get(String name) {
        return shared.get(name).map(text -> text == null ? null : AppRecord.parse(text));
    }

    Future<Map<String, AppRecord>> all() {
        return shared.entries().map(entries -> {
            Map<String, AppRecord> records = new LinkedHashMap<>();
            entries.forEach((name, text) -> {
                try {
                    records.put(name, AppRecord.parse(text));
                } catch (RuntimeException e) { // one bad entry must not stop every other app from syncing
                    LOG.warning("deploy: skipped an unreadable app record " + name + ": " + e.getMessage());
                }
            });
            return records;
        });
    }

    /**
     * Applies {@code change} to the current record (an empty tombstone when there is none) and stores the result
     * if nobody changed the record meanwhile; otherwise tries again on the newer one.
     *
     * @param change may throw a {@link DeployException} to refuse
     */
    Future<AppRecord> update(String name, UnaryOperator<AppRecord> change) {
        return attempt(name, change, 1);
    }

    private Future<AppRecord> attempt(String name, UnaryOperator<AppRecord> change, int attempt) {
        return shared.get(name).compose(text -> {
            AppRecord next = change.apply(text == null ? AppRecord.empty(name) : AppRecord.parse(text));
            String nextText = next.toJson().encode();
            Future<Boolean> stored = text == null
                    ? shared.putIfAbsent(name, nextText).map(previous -> previous == null)
                    : shared.replaceIfPresent(name, text, nextText);
            return stored.compose(done -> {
                if (done) {
                    return Future.succeededFuture(next);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    return Future.failedFuture(new DeployException(409, "conflict",
                            "app " + name + " kept changing under this request; try again"));
                }
                return attempt(name, change, attempt + 1);
            });
        });
    }

    /** Puts this node's record into the cluster's map unless the map has the same or a newer revision. */
    Future<Void> offer(AppRecord record) {
        return update(record.name(), current -> current.revision() >= record.revision() ? current : record)
                .mapEmpty();
    }

    /** Keeps the record on this node's disk; blocks, so call it on a worker thread. */
    void persist(AppRecord record) throws IOException {
        DurableFiles.write(dir.resolve(record.name() + ".json"),
                record.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    /** The record this node kept of the app, or null; blocks, so call it on a worker thread. */
    AppRecord loadLocal(String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        return Files.exists(file) ? AppRecord.parse(Files.readString(file)) : null;
    }

    /** The records this node kept; blocks, so call it on a worker thread. Unreadable files are reported, skipped. */
    List<AppRecord> loadLocal(List<String> problems) throws IOException {
        List<AppRecord> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    records.add(AppRecord.parse(Files.readString(file)));
                } catch (RuntimeException e) {
                    problems.add(file + ": " + e.getMessage());
                }
            }
        }
        return records;
    }
}
