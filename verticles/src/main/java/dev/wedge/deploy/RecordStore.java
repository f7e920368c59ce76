package dev.wedge.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Records of deployed things (apps, sites) in a map shared by the cluster, as JSON text (compared whole, so a
 * compare-and-set sees any change), and on this node's disk for the records it runs. Changes are compare-and-set
 * loops, not locks: a node that dies mid-change leaves nothing held.
 */
final class RecordStore<R extends RecordStore.Stored> {

    /** A record: named, revised forwards only, kept as JSON. */
    interface Stored {
        String name();

        long revision();

        JsonObject toJson();
    }

    /**
     * What a store holds: the cluster map's name, the word for its records in messages, how to read one, and the
     * empty tombstone a first change starts from.
     */
    record Kind<R>(String map, String label, Function<String, R> parse, Function<String, R> empty) {}

    static final Kind<AppRecord> APPS = new Kind<>("wedge.apps", "app", AppRecord::parse, AppRecord::empty);
    static final Kind<SiteRecord> SITES = new Kind<>("wedge.sites", "site", SiteRecord::parse, SiteRecord::empty);

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RecordStore.class.getName());
    private static final int MAX_ATTEMPTS = 100;

    private final Vertx vertx;
    private final Kind<R> kind;
    private final AsyncMap<String, String> shared;
    private final Path dir;

    private RecordStore(Vertx vertx, Kind<R> kind, AsyncMap<String, String> shared, Path dir) {
        this.vertx = vertx;
        this.kind = kind;
        this.shared = shared;
        this.dir = dir;
    }

    static <R extends Stored> Future<RecordStore<R>> open(Vertx vertx, Kind<R> kind, Path dir) {
        return vertx.sharedData().<String, String>getAsyncMap(kind.map())
                .map(map -> new RecordStore<>(vertx, kind, map, dir));
    }

    /** The cluster's record, or null. */
    Future<R> get(String name) {
        return shared.get(name).map(text -> text == null ? null : kind.parse().apply(text));
    }

    Future<Map<String, R>> all() {
        return shared.entries().map(entries -> {
            Map<String, R> records = new LinkedHashMap<>();
            entries.forEach((name, text) -> {
                try {
                    records.put(name, kind.parse().apply(text));
                } catch (RuntimeException e) { // one bad entry must not stop every other one from syncing
                    LOG.warning("deploy: skipped an unreadable " + kind.label() + " record " + name + ": "
                            + e.getMessage());
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
    Future<R> update(String name, UnaryOperator<R> change) {
        return attempt(name, change, 1);
    }

    private Future<R> attempt(String name, UnaryOperator<R> change, int attempt) {
        return shared.get(name).compose(text -> {
            R next = change.apply(text == null ? kind.empty().apply(name) : kind.parse().apply(text));
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
                            kind.label() + " " + name + " kept changing under this request; try again"));
                }
                return attempt(name, change, attempt + 1);
            });
        });
    }

    /** Puts this node's record into the cluster's map unless the map has the same or a newer revision. */
    Future<Void> offer(R record) {
        return update(record.name(), current -> current.revision() >= record.revision() ? current : record)
                .mapEmpty();
    }

    /** Keeps the record on this node's disk; blocks, so call it on a worker thread. */
    void persist(R record) throws IOException {
        DurableFiles.write(dir.resolve(record.name() + ".json"),
                record.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    /** The record this node kept, or null; blocks, so call it on a worker thread. */
    R loadLocal(String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        return Files.exists(file) ? kind.parse().apply(Files.readString(file)) : null;
    }

    /** The records this node kept; blocks, so call it on a worker thread. Unreadable files are reported, skipped. */
    List<R> loadLocal(List<String> problems) throws IOException {
        List<R> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    records.add(kind.parse().apply(Files.readString(file)));
                } catch (RuntimeException e) {
                    problems.add(file + ": " + e.getMessage());
                }
            }
        }
        return records;
    }
}
