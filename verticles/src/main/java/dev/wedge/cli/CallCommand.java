package dev.wedge.cli;

import dev.wedge.config.AppSpec;
import dev.wedge.config.KvSeed;
import dev.wedge.host.WasmHost;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.run.App;
import dev.wedge.node.HostResources;
import dev.wedge.server.ResponseHeaders;
import dev.wedge.server.StatusText;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one request in-process and prints the response as {@code curl -i} would. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Run one request against an app in-process and print the response like curl -i.",
            "Exits 0 whenever a response was produced (whatever its status), 1 when the module cannot load,",
            "2 for bad arguments."})
final class CallCommand implements Callable<Integer> {

    private static final long JOIN_SECONDS = 60;

    @Parameters(index = "0", paramLabel = "APP.wasm", description = "The app module.")
    Path module;

    @Parameters(index = "1", paramLabel = "PATH", defaultValue = "/", description = "Path and query (default: /).")
    String target;

    @Option(names = {"-X", "--request"}, paramLabel = "METHOD", description = "Method (default: GET; POST with data).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "Request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "DATA", description = "Request body.")
    String data;

    @Option(names = "--data-file", paramLabel = "FILE", description = "Request body read from a file.")
    Path dataFile;

    @Mixin
    AppOptions app;

    @Mixin
    GeoOptions geo;

    @Override
    public Integer call() throws Exception {
        var request = AppRequest.of(method(), target.startsWith("/") ? target : "/" + target, headers(), body());
        byte[] wasm = readFile(module);
        AppSpec spec = app.toSpec(AppOptions.appName(module), module, List.of("/"), List.of());
        Vertx vertx = Vertx.vertx();
        HostResources resources;
        try {
            resources = HostResources.open(vertx, app.kvStoreConfigs(), app.queueConfigs(), geo.config(), false);
        } catch (ConfigException e) {
            Futures.join(vertx.close(), JOIN_SECONDS);
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try (WasmHost host = WasmHost.create(AppOptions.engine(spec), resources.services(new ConsoleAppLog(
                System.err)))) {
            App loaded;
            try {
                loaded = host.load(wasm, spec.config());
            } catch (ModuleLoadException e) {
                System.err.println("wedge: cannot load " + module + ": " + e.getMessage());
                return 1;
            }
            for (Map.Entry<String, Path> data : spec.kvData().entrySet()) {
                Futures.join(KvSeed.load(data.getValue(), resources.stores().view(data.getKey(), spec.name())),
                        JOIN_SECONDS);
            }
            AppResponse response = loaded.handle(request);
            print(response, System.out);
            return NodeAnswer.LOAD_FAILED.reason().equals(response.error()) ? 1 : 0;
        } finally {
            Futures.join(resources.close(), JOIN_SECONDS);
            Futures.join(vertx.close(), JOIN_SECONDS);
        }
    }

    static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
    }

    private byte[] body() {
        if (data != null && dataFile != null) {
            throw new IllegalArgumentException("use either --data or --data-file, not both");
        }
        if (dataFile != null) {
            return readFile(dataFile);
        }
        return data == null ? new byte[0] : data.getBytes(StandardCharsets.UTF_8);
    }

    private String method() {
        if (method != null) {
            return method.toUpperCase(Locale.ROOT);
        }
        return data != null || dataFile != null ? "POST" : "GET";
    }

    private Headers headers() {
        var result = new Headers();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header '" + header + "' must look like 'Name: value'");
            }
            result.add(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        if (!result.contains("host")) {
            result.add("host", "localhost");
        }
        return result;
    }

    /** The status line and headers as curl -i shows them (CRLF line ends), then the body as it is. */
    static void print(AppResponse response, PrintStream out) {
        var head = new StringBuilder("HTTP/1.1 " + response.status() + " " + StatusText.of(response.status()) + "\r\n");
        for (Map.Entry<String, String> header : ResponseHeaders.sendable(response.headers())) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("content-length: ").append(response.body().length).append("\r\n\r\n");
        out.print(head);
        out.write(response.body(), 0, response.body().length);
        out.flush();
    }
}
