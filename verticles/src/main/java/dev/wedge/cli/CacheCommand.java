package dev.wedge.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wedge cache}: the PoP's HTTP cache for sites, through a node's admin API (docs/cache.md). */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"The HTTP cache of the PoP's sites, through a node's admin API.",
            "Exits 0 when done; 1 when refused or unreachable; 2 for bad arguments."},
        subcommands = {CacheCommand.PurgeCommand.class})
final class CacheCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Exactly one of the ways to name what goes. */
    static final class Selector {
        @Option(names = "--url", paramLabel = "URL", description = "One URL, every variant (host/path?query; "
                + "a scheme in front is ignored).")
        String url;

        @Option(names = "--prefix", paramLabel = "PREFIX", description = "Every URL starting so (host/path).")
        String prefix;

        @Option(names = "--tag", paramLabel = "TAG", description = "Every response its origin tagged so "
                + "(Surrogate-Key, Cache-Tag).")
        String tag;

        @Option(names = "--all", description = "Everything.")
        boolean all;

        JsonObject json() {
            return url != null ? new JsonObject().put("url", url) : prefix != null ? new JsonObject().put("prefix",
                    prefix) : tag != null ? new JsonObject().put("tag", tag) : new JsonObject().put("all", true);
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Remove cached responses on every node of the PoP.")
    static final class PurgeCommand implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Selector selector;

        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            JsonObject answer = admin.client().purge(selector.json());
            System.out.println("purged " + answer.getValue("purged") + " entries on this node (by "
                    + answer.getValue("by") + "); the other nodes of the PoP purge too");
            return 0;
        }
    }
}
