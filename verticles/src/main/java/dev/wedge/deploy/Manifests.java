package dev.wedge.deploy;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Deploy manifests as the config reader takes them: plain maps and lists, as a config file would give. */
final class Manifests {

    private Manifests() {}

    static Map<String, Object> plain(JsonObject manifest) {
        return new JsonObject(manifest.encode()).getMap(); // decoding text yields plain maps and lists throughout
    }

    /** The manifest of a new app deployed with no settings: served under its own name. */
    static JsonObject initial(String name) {
        return new JsonObject().put("routes", new io.vertx.core.json.JsonArray().add("/" + name));
    }
}
