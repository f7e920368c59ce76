package dev.wedge.bench.hostile;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Probes an attacker would try: the admin API without its token, deploys by URL that carry credentials or aim at
 * the node itself, and a key-value scan whose glob would make a backtracking matcher run for minutes.
 */
final class SecurityProbes {

    private static final String PASSWORD = "hunter2";

    private SecurityProbes() {}

    static void run(NodeUnderTest node, Report report) throws Exception {
        adminNeedsItsToken(node, report);
        deploysByUrl(node, report);
        globScan(node, report);
    }

    private static void adminNeedsItsToken(NodeUnderTest node, Report report) throws Exception {
        for (String token : new String[] {null, "wrong-token"}) {
            for (String[] call : List.of(new String[] {"GET", "/metrics"}, new String[] {"GET", "/apps"},
                    new String[] {"PUT", "/apps/intruder"}, new String[] {"GET", "/apps/neighbour/logs"},
                    new String[] {"POST", "/modules"}, new String[] {"DELETE", "/apps/neighbour"})) {
                var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort + call[1]))
                        .timeout(Duration.ofSeconds(30)).method(call[0], HttpRequest.BodyPublishers.noBody());
                if (token != null) {
                    request.header("authorization", "Bearer " + token);
                }
                int status = node.client().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                report.record("security/admin-auth", Integer.toString(status), status == 401,
                        call[0] + " " + call[1] + (token == null ? " without a token" : " with a wrong token"));
            }
        }
    }

    private static void deploysByUrl(NodeUnderTest node, Report report) throws Exception {
        int closed = closedPort();
        var credentials = deployUrl(node, "http://user:" + PASSWORD + "@127.0.0.1:" + closed + "/app.wasm");
        report.record("security/module-url", Integer.toString(credentials.statusCode()),
                !credentials.body().contains(PASSWORD) && credentials.statusCode() >= 400,
                "the answer must not repeat the URL's password: " + credentials.body());
        var ownAdmin = deployUrl(node, "http://127.0.0.1:" + node.adminPort + "/app.wasm");
        var nothing = deployUrl(node, "http://127.0.0.1:" + closed + "/app.wasm");
        boolean sameAnswer = ownAdmin.statusCode() == nothing.statusCode()
                && ownAdmin.body().replace(Integer.toString(node.adminPort), "PORT")
                        .equals(nothing.body().replace(Integer.toString(closed), "PORT"));
        report.record("security/module-url", ownAdmin.statusCode() + "/" + nothing.statusCode(),
                ownAdmin.statusCode() >= 400 && sameAnswer,
                "loopback URLs are refused alike, open port or not: " + ownAdmin.body() + " / " + nothing.body());
    }

    private static HttpResponse<String> deployUrl(NodeUnderTest node, String url) throws Exception {
        byte[] body = ("{\"module-url\": \"" + url + "\"}").getBytes();
        return node.client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort
                        + "/apps/by-url")).timeout(Duration.ofSeconds(120))
                .header("authorization", "Bearer " + NodeUnderTest.TOKEN).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void globScan(NodeUnderTest node, Report report) throws Exception {
        String key = "a".repeat(1000);
        int put = node.client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + "/" + key))
                .header("host", "kv.test").timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        report.record("security/glob", Integer.toString(put), put == 204, "store a 1,000-character key");
        int scan = node.get("kv.test", "/?scan=*a*a*a*a*a*a*a*a*b").statusCode();
        report.record("security/glob", Integer.toString(scan), scan == 200, "a backtracking glob over that key");
        int neighbour = node.get("neighbour.test", "/").statusCode();
        report.record("security/glob", Integer.toString(neighbour), neighbour == 200, "the neighbour after the scan");
    }

    private static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
