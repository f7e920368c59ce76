package dev.wedge.deploy;

import io.vertx.core.json.JsonObject;

/**
 * What the cluster knows of one site put through the admin API: its settings as given (the keys of a config
 * file's site, docs/config.md "Sites"). As for apps, every change raises the revision, nodes only go forwards,
 * and a deleted site leaves a tombstone.
 *
 * @param site the settings; empty once deleted
 */
public record SiteRecord(String name, long revision, boolean deleted, JsonObject site)
        implements RecordStore.Stored {

    static SiteRecord empty(String name) {
        return new SiteRecord(name, 0, true, new JsonObject());
    }

    SiteRecord put(JsonObject settings) {
        return new SiteRecord(name, revision + 1, false, settings.copy());
    }

    SiteRecord tombstone() {
        return new SiteRecord(name, revision + 1, true, new JsonObject());
    }

    @Override
    public JsonObject toJson() {
        return new JsonObject().put("name", name).put("revision", revision).put("deleted", deleted)
                .put("site", site);
    }

    /** What the admin API shows: the settings, with the name and revision. */
    public JsonObject summary() {
        return site.copy().put("name", name).put("revision", revision);
    }

    static SiteRecord parse(String text) {
        var json = new JsonObject(text);
        return new SiteRecord(json.getString("name"), json.getLong("revision"), json.getBoolean("deleted"),
                json.getJsonObject("site", new JsonObject()));
    }
}
