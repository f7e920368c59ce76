package dev.wedge.deploy;

import dev.wedge.config.RouteSpec;
import dev.wedge.settings.ConfigException;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Deploy manifests as the config reader takes them: plain maps and lists, as a config file would give. */
final class Manifests {

    private Manifests() {}

    static Map<String, Object> plain(JsonObject manifest) {
        return new JsonObject(manifest.encode()).getMap(); // decoding text yields plain maps and lists throughout
    }

    /** The routes a manifest names; those that do not parse are left out (its deploy validated them). */
    static java.util.Set<RouteSpec> routes(JsonObject manifest) {
        java.util.Set<RouteSpec> routes = new java.util.HashSet<>();
        for (Object route : manifest.getJsonArray("routes", new io.vertx.core.json.JsonArray())) {
            try {
                routes.add(RouteSpec.parse(String.valueOf(route)));
            } catch (ConfigException e) {
                // not a route: nothing to collide with
            }
        }
        return routes;
    }

    /** The manifest of a new app deployed with no settings: served under its own name. */
    static JsonObject initial(String name) {
        return new JsonObject().put("routes", new io.vertx.core.json.JsonArray().add("/" + name));
    }
}
