package dev.wedge.deploy.template;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * One parameter of a template's manifest (docs/templates.md): the key the app reads, its type, and how the form
 * asks for it. A secret one names a secret of the node's config, since secret values never cross the admin API.
 */
public record TemplateParameter(String name, String type, String defaultValue, boolean required, boolean secret,
        String help, List<String> values) {

    static final List<String> TYPES = List.of("string", "integer", "boolean", "url", "list", "enum");

    /** Why {@code value} does not fit this parameter, or null when it does. */
    public String problem(String value) {
        switch (type) {
            case "integer" -> {
                try {
                    Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    return "must be a whole number";
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    return "must be true or false";
                }
            }
            case "url" -> {
                return urlProblem(value);
            }
            case "enum" -> {
                if (!values.contains(value)) {
                    return "must be one of " + String.join(", ", values);
                }
            }
            default -> {
                // string and list (comma separated) take any text
            }
        }
        return null;
    }

    static String urlProblem(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                return null;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        return "must be an http or https URL with a host";
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject().put("name", name).put("type", type).put("required", required)
                .put("secret", secret).put("help", help);
        if (defaultValue != null) {
            json.put("default", defaultValue);
        }
        if (type.equals("enum")) {
            json.put("values", new JsonArray(List.copyOf(values)));
        }
        return json;
    }
}
