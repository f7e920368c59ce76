package dev.wedge.deploy;

import io.vertx.core.json.JsonObject;

/**
 * One deployed version of an app: its module (by content) and the settings it was deployed with.
 *
 * @param manifest routes, env, secret references, bindings and limits, as deployed (docs/admin-api.md)
 * @param deployedAt ISO-8601 instant
 */
public record AppVersion(int version, String sha256, long size, JsonObject manifest, String deployedAt) {

    JsonObject toJson() {
        return new JsonObject().put("version", version).put("sha256", sha256).put("size", size)
                .put("config", manifest.copy()).put("deployed-at", deployedAt);
    }

    static AppVersion fromJson(JsonObject json) {
        return new AppVersion(json.getInteger("version"), json.getString("sha256"), json.getLong("size"),
                json.getJsonObject("config", new JsonObject()), json.getString("deployed-at"));
    }
}
