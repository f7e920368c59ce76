package dev.wedge.cli;

import dev.wedge.host.WasmHost;
import dev.wedge.host.app.App;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.server.StatusText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
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
            "Exits 0 whenever a response was produced (whatever its status), 1 when the module cannot load."})
final class CallCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "APP.wasm", description = "The app module.")
    Path module;

    @Parameters(index = "1", paramLabel = "PATH", defaultValue = "/", description = "Path and query (default: /).")
    String target;

    @Option(names = {"-X", "--request"}, paramLabel = "METHOD", description = "Method (default: GET, or POST with data).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "Request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "DATA", description = "Request body.")
    String data;

    @Option(names = "--data-file", paramLabel = "FILE", description = "Request body read from a file.")
    Path dataFile;

    @Mixin
    AppOptions app;

    @Override
    public Integer call() throws IOException {
        byte[] body = body();
        var request = AppRequest.of(method(), target.startsWith("/") ? target : "/" + target, headers(), body);
        byte[] wasm = readModule(module);
        PrintStream err = System.err;
        try (WasmHost host = WasmHost.create(app.engine, new ConsoleAppLog(err))) {
            App loaded;
            try {
                loaded = host.load(wasm, app.toConfig(AppOptions.appName(module)));
            } catch (ModuleLoadException e) {
                err.println("wedge: cannot load " + module + ": " + e.getMessage());
                return 1;
            }
            print(host.handle(loaded, request), System.out);
            return 0;
        }
    }

    static byte[] readModule(Path module) {
        try {
            return Files.readAllBytes(module);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + module, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + module + ": " + e, e);
        }
    }

    private byte[] body() throws IOException {
        if (data != null && dataFile != null) {
            throw new IllegalArgumentException("use either --data or --data-file, not both");
        }
        if (dataFile != null) {
            return Files.readAllBytes(dataFile);
        }
        return data == null ? new byte[0] : data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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

    static void print(AppResponse response, PrintStream out) {
        out.print("HTTP/1.1 " + response.status() + " " + StatusText.of(response.status()) + "\n");
        for (Map.Entry<String, String> header : response.headers().entries()) {
            out.print(header.getKey() + ": " + header.getValue() + "\n");
        }
        out.print("content-length: " + response.body().length + "\n\n");
        out.write(response.body(), 0, response.body().length);
        out.flush();
    }
}
