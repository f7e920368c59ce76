package dev.wedge.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wedge apps}: inspect and change the apps deployed on a running cluster, through a node's admin API. */
@Command(name = "apps", mixinStandardHelpOptions = true,
        description = {"List, inspect and change deployed apps, through a node's admin API.",
            "Changes exit 0 once every node runs them; 3 when recorded but some node did not confirm; "
                    + "1 when refused or unreachable; 2 for bad arguments."},
        subcommands = {AppsCommand.ListApps.class, AppsCommand.Show.class, AppsCommand.Versions.class,
            AppsCommand.Rollback.class, AppsCommand.Enable.class, AppsCommand.Disable.class, AppsCommand.Delete.class})
final class AppsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The app a subcommand acts on, and the admin API to reach. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "NAME", description = "The app's name.")
        String name;

        @Mixin
        AdminOptions admin;

        AdminClient client() {
            return admin.client();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the deployed apps.")
    static final class ListApps implements Callable<Integer> {
        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "VERSION", "ENABLED", "SHA256", "ROUTES"});
            for (JsonObject app : objects(admin.client().list())) {
                JsonArray routes = app.getJsonObject("config", new JsonObject()).getJsonArray("routes", new JsonArray());
                rows.add(new String[] {app.getString("name", "?"), text(app.getValue("version")),
                    app.getBoolean("enabled", false) ? "yes" : "no", shortSha(app.getString("sha256")),
                    String.join(",", routes.stream().map(String::valueOf).toList())});
            }
            table(rows, System.out);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print an app's active version and settings as JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Target app;

        @Override
        public Integer call() {
            System.out.println(app.client().get(app.name).encodePrettily());
            return 0;
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "List the versions kept of an app.")
    static final class Versions implements Callable<Integer> {
        @Mixin
        Target app;

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"VERSION", "ACTIVE", "SHA256", "SIZE", "DEPLOYED-AT"});
            for (JsonObject version : objects(app.client().versions(app.name))) {
                rows.add(new String[] {text(version.getValue("version")),
                    version.getBoolean("active", false) ? "yes" : "no", shortSha(version.getString("sha256")),
                    text(version.getValue("size")), text(version.getValue("deployed-at"))});
            }
            table(rows, System.out);
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Activate an earlier version of an app: --to N, or the one before the active one.")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        Target app;

        @Option(names = "--to", paramLabel = "N", description = "The version to activate (see: wedge apps versions).")
        Integer version;

        @Override
        public Integer call() {
            return DeployCommand.report("rolled back %s to", app.client().rollback(app.name, version), System.out);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Serve a disabled app again.")
    static final class Enable implements Callable<Integer> {
        @Mixin
        Target app;

        @Override
        public Integer call() {
            return DeployCommand.report("enabled %s", app.client().enable(app.name, true), System.out);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Stop serving an app, keeping its versions (enable brings it back).")
    static final class Disable implements Callable<Integer> {
        @Mixin
        Target app;

        @Override
        public Integer call() {
            return DeployCommand.report("disabled %s", app.client().enable(app.name, false), System.out);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove an app and all its versions from every node.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        Target app;

        @Override
        public Integer call() {
            return DeployCommand.report("deleted %s", app.client().delete(app.name), System.out);
        }
    }

    /** The first 12 hex digits: enough to tell versions apart at a glance. */
    static String shortSha(String sha256) {
        if (sha256 == null) {
            return "-";
        }
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    /** Left-aligned columns two spaces apart; the last column is not padded. */
    static void table(List<String[]> rows, PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
