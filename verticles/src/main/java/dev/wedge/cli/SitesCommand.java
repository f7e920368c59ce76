package dev.wedge.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wedge sites}: inspect and change the sites put on a running cluster, through a node's admin API. */
@Command(name = "sites", mixinStandardHelpOptions = true,
        description = {"List, show, put and delete sites (CDN apps in front of an origin), through a node's admin API.",
            "Changes exit 0 once every node serves them; 3 when recorded but some node did not confirm; "
                    + "1 when refused or unreachable; 2 for bad arguments."},
        subcommands = {SitesCommand.ListSites.class, SitesCommand.Show.class, SitesCommand.Put.class,
            SitesCommand.Delete.class})
final class SitesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The site a subcommand acts on, and the admin API to reach. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "NAME", description = "The site's name.")
        String name;

        @Mixin
        AdminOptions admin;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the sites put through the API.")
    static final class ListSites implements Callable<Integer> {
        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "REVISION", "HOSTS", "PATHS", "APPS"});
            for (Object entry : admin.client().sites()) {
                JsonObject site = entry instanceof JsonObject json ? json : new JsonObject();
                Object apps = site.getValue("app") != null ? site.getValue("app")
                        : site.getJsonObject("phases", new JsonObject()).encode();
                rows.add(new String[] {site.getString("name", "?"), String.valueOf(site.getValue("revision")),
                    joined(site.getJsonArray("hosts", new JsonArray())),
                    joined(site.getJsonArray("paths", new JsonArray().add("/"))), String.valueOf(apps)});
            }
            AppsCommand.table(rows, System.out);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a site's settings as JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Target site;

        @Override
        public Integer call() {
            System.out.println(site.admin.client().site(site.name).encodePrettily());
            return 0;
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Create or replace a site from a file (YAML, or JSON when named *.json) with the keys of a "
                    + "config file's site: hosts, paths, origin, app or phases, interrupt-on-error.")
    static final class Put implements Callable<Integer> {
        @Mixin
        Target site;

        @Parameters(index = "1", paramLabel = "FILE", description = "The site's settings.")
        Path file;

        @Override
        public Integer call() {
            JsonObject settings = DeployCommand.readManifest(file);
            return DeployCommand.report("put site %s", site.admin.client().putSite(site.name, settings), System.out);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Stop serving a site on every node.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        Target site;

        @Override
        public Integer call() {
            return DeployCommand.report("deleted site %s", site.admin.client().deleteSite(site.name), System.out);
        }
    }

    private static String joined(JsonArray values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
