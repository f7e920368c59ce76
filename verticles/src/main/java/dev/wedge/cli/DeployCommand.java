package dev.wedge.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Deploys a module as a new version of an app through a node's admin API, which rolls it out to every node. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy a module as the next version of an app, through a node's admin API.",
            "Without --config or setting flags, the app keeps its current settings (a new app is served at /NAME).",
            "Exits 0 once every node runs it; 3 when it is recorded but some node did not confirm; "
                    + "1 when refused or unreachable; 2 for bad arguments."})
final class DeployCommand implements Callable<Integer> {

    static final int INCOMPLETE = 3;

    @Parameters(index = "0", paramLabel = "NAME", description = "The app's name.")
    String name;

    @Parameters(index = "1", paramLabel = "FILE.wasm", description = "The app module.")
    Path module;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The app's settings, a YAML or JSON file (keys as in the admin API's config); flags override.")
    Path config;

    // Collections stay null unless given, so "not given" (keep the file's) differs from an explicit value.
    @Option(names = "--route", paramLabel = "PATH", description = "Route served by the app (repeatable; replaces the file's).")
    List<String> routes;

    @Option(names = "--kv-store", paramLabel = "STORE",
            description = "Key-value store of the node bound to the app (repeatable; replaces the file's).")
    List<String> kvStores;

    /** Maps (env, secrets) are merged into the file's, other settings replace its. */
    @Mixin
    AppSettingFlags settings;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        byte[] wasm = CallCommand.readFile(module); // reported before anything is sent
        JsonObject manifest = manifest();
        AdminClient client = admin.client();
        AdminClient.Change answer;
        if (manifest == null) {
            answer = client.deploy(name, wasm);
        } else {
            // Upload first: the module is validated on its own, then the deploy names it by content.
            String sha256 = client.upload(wasm).getString("sha256");
            answer = client.deploy(name, new JsonObject().put("module", "sha256:" + sha256).put("config", manifest));
        }
        return report("deployed %s", answer, System.out);
    }

    /** The settings to deploy with: the file's, with the flags applied; null when neither was given. */
    JsonObject manifest() {
        if (config == null && routes == null && kvStores == null && !settings.given()) {
            return null;
        }
        JsonObject manifest = config == null ? new JsonObject() : readManifest(config);
        if (routes != null) {
            manifest.put("routes", new JsonArray(List.copyOf(routes)));
        }
        if (kvStores != null) {
            manifest.put("kv-stores", new JsonArray(List.copyOf(kvStores)));
        }
        for (String map : List.of("env", "secrets")) {
            Object value = manifest.getValue(map);
            if (value != null && !(value instanceof JsonObject)) {
                throw new IllegalArgumentException(config + ": " + map + " must be a map of NAME: value");
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>(manifest.getMap());
        merged.replaceAll((key, value) -> value instanceof JsonObject object ? object.getMap() : value);
        settings.applyTo(merged);
        return new JsonObject(Json.encode(merged));
    }

    /** A manifest file: JSON when it is named *.json, YAML otherwise (parsed safely: plain maps and lists only). */
    static JsonObject readManifest(Path file) {
        String text = new String(CallCommand.readFile(file), StandardCharsets.UTF_8);
        boolean json = file.toString().endsWith(".json");
        Object document;
        try {
            document = json ? Json.decodeValue(text) : new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getProblem()
                    + (e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)), e);
        } catch (DecodeException | YAMLException e) {
            throw new IllegalArgumentException(file + " is not valid " + (json ? "JSON" : "YAML") + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (document instanceof JsonObject object) {
            document = object.getMap();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + " must hold a map of settings (routes, env, ...)");
        }
        try {
            // Round trip through text, so what is sent is exactly what JSON carries (nested maps, lists, scalars).
            @SuppressWarnings("unchecked")
            var settings = new JsonObject((Map<String, Object>) map);
            return new JsonObject(settings.encode());
        } catch (EncodeException | ClassCastException | DecodeException e) {
            throw new IllegalArgumentException(file + " holds something JSON cannot carry: " + e.getMessage(), e);
        }
    }

    /**
     * Prints "DONE version V (sha256 PREFIX) on N/M nodes", {@code done} naming the app (or site) with %s, and a
     * line per node that did not confirm the change; answers the exit code: 0 when every node confirmed, 3
     * otherwise.
     */
    static int report(String done, AdminClient.Change answer, PrintStream out) {
        JsonObject app = answer.json().getJsonObject("app", answer.json().getJsonObject("site", new JsonObject()));
        JsonArray nodes = answer.json().getJsonArray("nodes", new JsonArray());
        long revision = app.getLong("revision", 0L);
        var line = new StringBuilder(done.formatted(app.getString("name", "?")));
        if (!app.getBoolean("deleted", false) && app.getValue("version") != null) {
            line.append(" version ").append(app.getValue("version"));
            if (app.getString("sha256") != null) {
                line.append(" (sha256 ").append(AppsCommand.shortSha(app.getString("sha256"))).append(')');
            }
        }
        var lagging = new StringBuilder();
        int confirmed = 0;
        for (Object entry : nodes) {
            JsonObject node = entry instanceof JsonObject json ? json : new JsonObject();
            long at = node.getLong("revision", 0L);
            String state = node.getString("state", "unknown");
            // The same test the node makes for "complete": at the change's revision and not failed there.
            if (at >= revision && !"failed".equals(state)) {
                confirmed++;
                continue;
            }
            String why = node.getString("error") != null ? node.getString("error")
                    : "at revision " + at + ", not " + revision;
            lagging.append("  node ").append(node.getString("node", "?")).append(": ").append(state).append(' ')
                    .append(why.strip().replaceAll("\\s+", " ")).append(System.lineSeparator());
        }
        out.println(line.append(" on ").append(confirmed).append('/').append(nodes.size()).append(" nodes"));
        out.print(lagging);
        out.flush();
        return answer.complete() ? 0 : INCOMPLETE;
    }
}
