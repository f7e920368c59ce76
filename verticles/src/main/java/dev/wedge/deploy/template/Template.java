package dev.wedge.deploy.template;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A template as the catalog holds it: its manifest (docs/templates.md), its README and its built module.
 *
 * @param kind {@code http} or {@code cdn}
 * @param phases the phases a {@code cdn} filter acts in; empty for {@code http}
 */
public record Template(String name, String title, String summary, String kind, List<String> phases,
        List<TemplateParameter> parameters, String readme, byte[] wasm) {

    public TemplateParameter parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** What a gallery shows: everything but the README and the module. */
    public JsonObject summaryJson() {
        JsonArray params = new JsonArray();
        parameters.forEach(p -> params.add(p.toJson()));
        JsonObject json = new JsonObject().put("name", name).put("title", title).put("summary", summary)
                .put("kind", kind).put("module-size", wasm.length).put("parameters", params);
        if (kind.equals("cdn")) {
            json.put("phases", new JsonArray(List.copyOf(phases)));
        }
        return json;
    }

    /** What a template's page shows: the summary with the README. */
    public JsonObject toJson() {
        return summaryJson().put("readme", readme);
    }
}
