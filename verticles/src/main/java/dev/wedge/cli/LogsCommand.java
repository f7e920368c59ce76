package dev.wedge.cli;

import dev.wedge.host.run.AppLog;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints an app's recent log lines from a node's admin API, and follows new ones with {@code -f}. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print an app's recent log lines from a node (its admin API); -f follows new ones.")
final class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
    String app;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, defaultValue = "100", description = "How many recent lines (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--admin", defaultValue = "http://127.0.0.1:8081", description = "The node's admin API (default: ${DEFAULT-VALUE}).")
    String admin;

    @Option(names = "--token", description = "The admin bearer token (default: env WEDGE_ADMIN_TOKEN).")
    String token;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String bearer = token != null ? token : System.getenv("WEDGE_ADMIN_TOKEN");
        if (bearer == null) {
            throw new IllegalArgumentException("give --token or set WEDGE_ADMIN_TOKEN");
        }
        URI uri = URI.create(admin + "/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8) + "/logs?lines=" + lines
                + "&follow=" + follow);
        HttpRequest request = HttpRequest.newBuilder(uri).header("authorization", "Bearer " + bearer).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            System.err.println("wedge: " + uri + " answered " + response.statusCode());
            return 1;
        }
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println(format(new JsonObject(line)));
            }
        }
        return 0;
    }

    static String format(JsonObject entry) {
        String tag = entry.getString("stream").equals("log") ? AppLog.levelName(entry.getInteger("level", 2))
                : entry.getString("stream");
        return entry.getString("time") + " " + entry.getString("request") + " " + entry.getString("version") + " ["
                + tag + "] " + entry.getString("text");
    }
}
