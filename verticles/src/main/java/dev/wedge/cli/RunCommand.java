package dev.wedge.cli;

import dev.wedge.config.AppSpec;
import dev.wedge.config.NodeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Serves one app on every path of http://HOST:PORT/, as {@code fastedge-run http} does. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Serve one app at http://HOST:PORT/.")
final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "0..2", paramLabel = "[http] APP.wasm",
            description = "The app module; fastedge-run's form `run http -w APP.wasm` works too.")
    List<String> arguments = new ArrayList<>();

    @Option(names = {"-w", "--wasm"}, paramLabel = "APP.wasm", description = "The app module (fastedge-run's flag).")
    Path wasm;

    @Option(names = "--wasi-http", paramLabel = "BOOL", arity = "1",
            description = "fastedge-run's choice of entry point; only false (a core module) is supported.")
    boolean wasiHttp;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = NodeConfig.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--trigger", paramLabel = "QUEUE/TOPIC[@GROUP]",
            description = {"Run the app's wedge_on_message for each message of TOPIC (in the app's namespace)",
                "on QUEUE, a --queue; GROUP defaults to the app's name (repeatable)."})
    List<String> triggers = new ArrayList<>();

    @Mixin
    AppOptions app;

    @Mixin
    GeoOptions geo;

    @Override
    public Integer call() throws Exception {
        Path module = module();
        CallCommand.readFile(module); // a missing file is reported before anything starts
        AppSpec spec = app.toSpec(AppOptions.appName(module), module.toAbsolutePath(), List.of("/"), triggers());
        String engine = AppOptions.engine(spec);
        var config = new NodeConfig(host, port, NodeConfig.defaultWorkers(), engine, app.kvStoreConfigs(),
                app.queueConfigs(), List.of(spec)).withGeo(geo.config());
        return NodeRunner.serve(config, node -> System.out.println("wedge: serving " + module + " ("
                + node.routes().routes().get(0).app().app().kind().label() + " app, " + engine + ") at http://"
                + node.host() + ":" + node.port() + "/"));
    }

    /** The module: the one argument, after fastedge-run's subcommand name {@code http} if given, or {@code -w}. */
    Path module() {
        if (wasiHttp) {
            throw new IllegalArgumentException("--wasi-http true: wasi:http components are not supported; wedge "
                    + "runs core modules (docs/abi.md)");
        }
        List<String> rest = !arguments.isEmpty() && arguments.get(0).equals("http") && (arguments.size() == 2
                || wasm != null) ? arguments.subList(1, arguments.size()) : arguments;
        if (rest.size() > 1 || (wasm != null && !rest.isEmpty())) {
            throw new IllegalArgumentException("give one module: " + String.join(" ", arguments)
                    + (wasm == null ? "" : " and -w " + wasm));
        }
        if (wasm == null && rest.isEmpty()) {
            throw new IllegalArgumentException("no module: give APP.wasm or -w APP.wasm");
        }
        return wasm != null ? wasm : Path.of(rest.get(0));
    }

    /** The {@code --trigger}s as a config file's {@code triggers:} sections. */
    List<Map<String, Object>> triggers() {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (String trigger : triggers) {
            int slash = trigger.indexOf('/');
            int at = trigger.indexOf('@');
            if (slash <= 0 || (at >= 0 && at < slash)) {
                throw new IllegalArgumentException("--trigger must look like QUEUE/TOPIC[@GROUP], not " + trigger);
            }
            String queue = trigger.substring(0, slash);
            if (!app.queues.containsKey(queue)) {
                throw new IllegalArgumentException("--trigger " + trigger + ": no --queue " + queue);
            }
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("queue", queue);
            section.put("topic", at < 0 ? trigger.substring(slash + 1) : trigger.substring(slash + 1, at));
            if (at >= 0) {
                section.put("group", trigger.substring(at + 1));
            }
            sections.add(section);
        }
        return sections;
    }
}
