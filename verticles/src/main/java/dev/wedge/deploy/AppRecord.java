package dev.wedge.deploy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cluster knows of one deployed app: its versions, which one is active, whether it is enabled. Every
 * change makes a new record with a higher {@code revision}; a node runs the highest revision it has seen, so
 * changes that cross on the wire still end in one state everywhere. A deleted app leaves a tombstone, so a node
 * that was down during the delete does not bring it back.
 *
 * @param lastVersion the highest version number ever given, so numbers are never reused
 */
public record AppRecord(String name, long revision, boolean enabled, boolean deleted, int active, int lastVersion,
        List<AppVersion> versions) implements RecordStore.Stored {

    /** Versions kept per app; the oldest inactive one goes first. */
    public static final int MAX_VERSIONS = 20;

    public AppRecord {
        versions = List.copyOf(versions);
    }

    static AppRecord empty(String name) {
        return new AppRecord(name, 0, true, true, 0, 0, List.of());
    }

    public AppVersion activeVersion() {
        return version(active);
    }

    public AppVersion version(int number) {
        return versions.stream().filter(v -> v.version() == number).findFirst().orElse(null);
    }

    AppRecord deployed(String sha256, long size, JsonObject manifest) {
        int number = lastVersion + 1;
        List<AppVersion> kept = new ArrayList<>(deleted ? List.of() : versions);
        kept.add(new AppVersion(number, sha256, size, manifest, Instant.now().toString()));
        while (kept.size() > MAX_VERSIONS) {
            kept.remove(0);
        }
        return new AppRecord(name, revision + 1, true, false, number, number, kept);
    }

    AppRecord activated(int number) {
        return new AppRecord(name, revision + 1, enabled, false, number, lastVersion, versions);
    }

    AppRecord withEnabled(boolean value) {
        return new AppRecord(name, revision + 1, value, false, active, lastVersion, versions);
    }

    AppRecord tombstone() {
        return new AppRecord(name, revision + 1, false, true, 0, lastVersion, List.of());
    }

    /** The version before the active one, or null. */
    AppVersion previous() {
        AppVersion before = null;
        for (AppVersion version : versions) {
            if (version.version() == active) {
                return before;
            }
            before = version;
        }
        return null;
    }

    public JsonObject toJson() {
        var list = new JsonArray();
        versions.forEach(version -> list.add(version.toJson()));
        return new JsonObject().put("name", name).put("revision", revision).put("enabled", enabled)
                .put("deleted", deleted).put("active", active).put("last-version", lastVersion).put("versions", list);
    }

    /** What the admin API shows of the app: the active version and its settings, without the history. */
    public JsonObject summary() {
        AppVersion current = activeVersion();
        JsonObject json = current == null ? new JsonObject().put("version", active) : current.toJson();
        return json.put("name", name).put("enabled", enabled).put("revision", revision)
                .put("versions", versions.size());
    }

    static AppRecord fromJson(JsonObject json) {
        List<AppVersion> versions = new ArrayList<>();
        json.getJsonArray("versions", new JsonArray()).forEach(v -> versions.add(AppVersion.fromJson((JsonObject) v)));
        return new AppRecord(json.getString("name"), json.getLong("revision"), json.getBoolean("enabled"),
                json.getBoolean("deleted"), json.getInteger("active"), json.getInteger("last-version"), versions);
    }

    static AppRecord parse(String text) {
        return fromJson(new JsonObject(text));
    }
}
