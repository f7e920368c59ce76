package dev.wedge.cli;

import dev.wedge.config.AppSpec;
import dev.wedge.config.NodeConfig;
import dev.wedge.config.RouteSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Serves one app on every path of http://HOST:PORT/, as {@code fastedge-run http} does. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Serve one app at http://HOST:PORT/.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "APP.wasm", description = "The app module.")
    Path module;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = NodeConfig.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Mixin
    AppOptions app;

    @Override
    public Integer call() throws Exception {
        CallCommand.readFile(module); // a missing file is reported before anything starts
        var spec = new AppSpec(app.toConfig(AppOptions.appName(module)), module.toAbsolutePath(), app.engine,
                List.of(RouteSpec.parse("/")), 0, app.kvData);
        var config = new NodeConfig(host, port, NodeConfig.defaultWorkers(), app.engine, app.kvStoreConfigs(),
                List.of(spec));
        return NodeRunner.serve(config, node -> System.out.println("wedge: serving " + module + " ("
                + node.routes().routes().get(0).app().app().kind().label() + " app, " + app.engine + ") at http://"
                + node.host() + ":" + node.port() + "/"));
    }
}
