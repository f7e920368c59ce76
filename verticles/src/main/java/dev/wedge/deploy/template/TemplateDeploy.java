package dev.wedge.deploy.template;

import dev.wedge.deploy.AppControl;
import dev.wedge.deploy.DeployException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A template deploy's body, {@code {app, routes | route, origin, params}}, checked against the template's manifest
 * and turned into an ordinary deploy: the template's module with its parameters as the app's {@code env} and
 * {@code secrets} (docs/templates.md). A cdn template is served through its own routes in front of {@code origin}.
 */
public record TemplateDeploy(String app, AppControl.Request request) {

    private static final Set<String> FIELDS = Set.of("app", "route", "routes", "origin", "allow-private",
            "params");

    public static TemplateDeploy of(Template template, JsonObject body) {
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw invalid(field + " is not a field of a template deploy (" + String.join(", ", FIELDS) + ")");
            }
        }
        if (!(body.getValue("app") instanceof String app) || app.isBlank()) {
            throw invalid("app (the name to deploy as) is missing");
        }
        JsonObject config = new JsonObject().put("kind", template.kind()).put("routes", routes(app, body));
        Object origin = body.getValue("origin");
        if (template.kind().equals("cdn")) {
            if (!(origin instanceof String url) || TemplateParameter.urlProblem(url) != null) {
                throw invalid("origin: a cdn template needs the http or https URL of the origin it sits in front of");
            }
            config.put("origin", url);
            allowPrivate(body.getValue("allow-private"), config);
        } else if (origin != null || body.containsKey("allow-private")) {
            throw invalid("origin is for cdn templates; " + template.name() + " answers requests itself");
        }
        Object params = body.getValue("params", new JsonObject());
        if (!(params instanceof JsonObject given)) {
            throw invalid("params must be an object of parameter names and values");
        }
        settings(template, given, config);
        return new TemplateDeploy(app, new AppControl.Request(template.wasm(), null, null, config));
    }

    /**
     * {@code allow-private}: the private addresses, CIDR blocks or host names the origin may be at (an origin on
     * the operator's own network), as the app's {@code outbound.allow-private}, which checks each entry.
     */
    private static void allowPrivate(Object given, JsonObject config) {
        if (given == null) {
            return;
        }
        if (!(given instanceof JsonArray list) || !list.stream().allMatch(e -> e instanceof String text && !text.isBlank())) {
            throw invalid("allow-private must be a list of addresses, CIDR blocks or host names");
        }
        config.put("outbound", new JsonObject().put("allow-private", list.copy()));
    }

    private static JsonArray routes(String app, JsonObject body) {
        Object routes = body.getValue("routes");
        Object route = body.getValue("route");
        if (routes != null && route != null) {
            throw invalid("give route or routes, not both");
        }
        if (route != null) {
            routes = new JsonArray().add(route);
        }
        if (routes == null) {
            return new JsonArray().add("/" + app);
        }
        if (!(routes instanceof JsonArray list) || list.isEmpty()
                || !list.stream().allMatch(r -> r instanceof String text && !text.isBlank())) {
            throw invalid("routes must be a non-empty list of routes such as /shop or shop.example.com/");
        }
        return list;
    }

    /** Every parameter given or defaulted goes to env, a secret one to secrets; all problems are told at once. */
    private static void settings(Template template, JsonObject given, JsonObject config) {
        List<String> problems = new ArrayList<>();
        for (String name : given.fieldNames()) {
            if (template.parameter(name) == null) {
                problems.add(name + ": " + template.name() + " has no such parameter");
            }
        }
        JsonObject env = new JsonObject();
        JsonObject secrets = new JsonObject();
        for (TemplateParameter parameter : template.parameters()) {
            Object raw = given.getValue(parameter.name());
            String value = raw == null || raw.toString().isEmpty() ? parameter.defaultValue() : raw.toString();
            if (value == null) {
                if (parameter.required()) {
                    problems.add(parameter.name() + ": required");
                }
                continue;
            }
            String problem = parameter.secret() ? null : parameter.problem(value);
            if (problem != null) {
                problems.add(parameter.name() + ": " + problem);
            }
            (parameter.secret() ? secrets : env).put(parameter.name(), value);
        }
        if (!problems.isEmpty()) {
            throw new DeployException(400, "invalid-params", String.join("; ", problems));
        }
        config.put("env", env).put("secrets", secrets);
    }

    private static DeployException invalid(String message) {
        return new DeployException(400, "bad-template-deploy", message);
    }
}
