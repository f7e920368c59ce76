package dev.wedge.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wedge templates}: the templates a node offers, and deploying one as an app (docs/templates.md). */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = {"List, show and deploy the templates a node offers, through its admin API.",
            "deploy exits 0 once every node runs the app; 3 when recorded but some node did not confirm; "
                    + "1 when refused or unreachable; 2 for bad arguments."},
        subcommands = {TemplatesCommand.ListTemplates.class, TemplatesCommand.Show.class,
            TemplatesCommand.Deploy.class})
final class TemplatesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the templates.")
    static final class ListTemplates implements Callable<Integer> {
        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "KIND", "SUMMARY"});
            for (Object entry : admin.client().templates()) {
                JsonObject template = entry instanceof JsonObject json ? json : new JsonObject();
                rows.add(new String[] {template.getString("name", "?"), template.getString("kind", "?"),
                    template.getString("summary", "")});
            }
            AppsCommand.table(rows, System.out);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a template's parameters and README.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The template's name.")
        String name;

        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            JsonObject template = admin.client().template(name);
            System.out.println(template.getString("title", name) + " (" + template.getString("kind", "?") + ")");
            System.out.println(template.getString("summary", ""));
            System.out.println();
            for (Object entry : template.getJsonArray("parameters", new JsonArray())) {
                System.out.println(parameterLine(entry instanceof JsonObject json ? json : new JsonObject()));
            }
            System.out.println();
            System.out.println(template.getString("readme", "").strip());
            return 0;
        }

        static String parameterLine(JsonObject parameter) {
            var line = new StringBuilder("  ").append(parameter.getString("name", "?")).append(" (")
                    .append(parameter.getString("type", "?"));
            if (parameter.getValue("values") != null) {
                line.append(": ").append(String.join("|", parameter.getJsonArray("values").stream()
                        .map(String::valueOf).toList()));
            }
            if (parameter.getBoolean("required", false)) {
                line.append(", required");
            }
            if (parameter.getBoolean("secret", false)) {
                line.append(", secret: give the name of a secret of the node's config");
            }
            if (parameter.getValue("default") != null) {
                line.append(", default ").append(parameter.getValue("default"));
            }
            return line.append(") ").append(parameter.getString("help", "")).toString();
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Deploy a template as an app: its module with the parameters as the app's env and secrets.")
    static final class Deploy implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The template's name.")
        String name;

        @Option(names = "--app", paramLabel = "APP", description = "The app's name (default: the template's).")
        String app;

        @Option(names = "--param", paramLabel = "K=V",
                description = "A parameter's value; for a secret one, the name of a secret of the node's config.")
        Map<String, String> params = new LinkedHashMap<>();

        @Option(names = "--route", paramLabel = "ROUTE", description = "A route to serve it at (default: /APP).")
        List<String> routes = new ArrayList<>();

        @Option(names = "--origin", paramLabel = "URL", description = "For a cdn template: the origin it fronts.")
        String origin;

        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            var request = new JsonObject().put("app", app == null ? name : app).put("params", new JsonObject(
                    new LinkedHashMap<>(params)));
            if (!routes.isEmpty()) {
                request.put("routes", new JsonArray(new ArrayList<>(routes)));
            }
            if (origin != null) {
                request.put("origin", origin);
            }
            return DeployCommand.report("deployed template " + name + " as %s",
                    admin.client().deployTemplate(name, request), System.out);
        }
    }
}
