package dev.wedge.deploy.template;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks a template.json (docs/templates.md). Unknown fields are refused as well as missing or mistyped
 * ones: a misspelt {@code secret} would otherwise put a secret in plain env.
 */
final class TemplateManifest {

    private static final Set<String> FIELDS = Set.of("name", "title", "summary", "kind", "phases", "module",
            "parameters");
    private static final Set<String> PARAMETER_FIELDS = Set.of("name", "type", "default", "required", "secret",
            "help", "values");
    private static final List<String> PHASES = List.of("request-headers", "request-body", "response-headers",
            "response-body");

    private final String where;
    private final JsonObject json;

    private TemplateManifest(String where, JsonObject json) {
        this.where = where;
        this.json = json;
    }

    /**
     * @param folder the template's folder name, which the manifest's name must repeat
     * @param text the manifest's text
     */
    static TemplateManifest parse(String folder, String text) {
        String where = "template " + folder + " (template.json)";
        try {
            return new TemplateManifest(where, new JsonObject(text));
        } catch (DecodeException e) {
            throw new TemplateException(where + ": not a JSON object: " + e.getMessage());
        }
    }

    String module() {
        return string(json, "module", true);
    }

    Template template(String folder, String readme, byte[] wasm) {
        unknown(json, FIELDS, "");
        String name = string(json, "name", true);
        if (!name.equals(folder)) {
            throw fail("name must be the folder's name, " + folder + ", not " + name);
        }
        String kind = string(json, "kind", true);
        if (!kind.equals("http") && !kind.equals("cdn")) {
            throw fail("kind must be http or cdn, not " + kind);
        }
        List<String> phases = strings(json, "phases");
        if (kind.equals("http") && !phases.isEmpty()) {
            throw fail("phases are for kind cdn only");
        }
        if (kind.equals("cdn") && phases.isEmpty()) {
            throw fail("a cdn template names its phases");
        }
        for (String phase : phases) {
            if (!PHASES.contains(phase)) {
                throw fail("phases: " + phase + " is not one of " + String.join(", ", PHASES));
            }
        }
        return new Template(name, string(json, "title", true), string(json, "summary", true), kind, phases,
                parameters(), readme, wasm);
    }

    private List<TemplateParameter> parameters() {
        Object value = json.getValue("parameters", new JsonArray());
        if (!(value instanceof JsonArray array)) {
            throw fail("parameters must be a list");
        }
        List<TemplateParameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject param)) {
                throw fail("parameters[" + i + "] must be an object");
            }
            TemplateParameter parameter = parameter(param, "parameters[" + i + "].");
            if (!names.add(parameter.name())) {
                throw fail("parameters: " + parameter.name() + " is given twice");
            }
            parameters.add(parameter);
        }
        return List.copyOf(parameters);
    }

    private TemplateParameter parameter(JsonObject param, String at) {
        unknown(param, PARAMETER_FIELDS, at);
        String name = string(param, "name", true, at);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw fail(at + "name: " + name + " is not a letter, digit and _ name");
        }
        String type = string(param, "type", true, at);
        if (!TemplateParameter.TYPES.contains(type)) {
            throw fail(at + "type must be one of " + String.join(", ", TemplateParameter.TYPES));
        }
        List<String> values = strings(param, "values");
        if (type.equals("enum") == values.isEmpty()) {
            throw fail(at + (values.isEmpty() ? "an enum lists its values" : "values are for type enum only"));
        }
        boolean secret = flag(param, "secret", at);
        Object given = param.getValue("default");
        String defaultValue = given instanceof JsonArray items && type.equals("list")
                ? String.join(",", items.stream().map(String::valueOf).toList()) // the comma-separated form
                : given == null ? null : String.valueOf(given);
        if (defaultValue != null && secret) {
            throw fail(at + "a secret has no default");
        }
        var parameter = new TemplateParameter(name, type, defaultValue, flag(param, "required", at), secret,
                string(param, "help", true, at), values);
        String problem = defaultValue == null ? null : parameter.problem(defaultValue);
        if (problem != null) {
            throw fail(at + "default " + problem);
        }
        return parameter;
    }

    private void unknown(JsonObject object, Set<String> known, String at) {
        for (String field : object.fieldNames()) {
            if (!known.contains(field)) {
                throw fail(at + field + " is not a field of a template manifest");
            }
        }
    }

    private String string(JsonObject object, String field, boolean required) {
        return string(object, field, required, "");
    }

    private String string(JsonObject object, String field, boolean required, String at) {
        Object value = object.getValue(field);
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        if (value == null && !required) {
            return null;
        }
        throw fail(at + field + (value == null ? " is missing" : " must be a non-empty string"));
    }

    private boolean flag(JsonObject object, String field, String at) {
        Object value = object.getValue(field, false);
        if (!(value instanceof Boolean flag)) {
            throw fail(at + field + " must be true or false");
        }
        return flag;
    }

    private List<String> strings(JsonObject object, String field) {
        Object value = object.getValue(field, new JsonArray());
        if (value instanceof JsonArray array && array.stream().allMatch(String.class::isInstance)) {
            return array.stream().map(String.class::cast).toList();
        }
        throw fail(field + " must be a list of strings");
    }

    private TemplateException fail(String message) {
        return new TemplateException(where + ": " + message);
    }
}
