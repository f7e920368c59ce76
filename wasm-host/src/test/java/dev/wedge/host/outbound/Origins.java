package dev.wedge.host.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Origin servers a test starts on 127.0.0.1 (port 0): plain HTTP/1.1, and TLS (HTTP/2 by ALPN, or HTTP/1.1) with
 * a self-signed certificate for {@code origin.test} made for the test. Routes:
 * {@code /hello}; {@code /echo} (method, headers and body back); {@code /slow?ms=N}; {@code /big?bytes=N[&chunked]};
 * {@code /redirect?status=S&to=URL}; {@code /never} (no answer); {@code /version} (the HTTP version used).
 */
public final class Origins implements AutoCloseable {

    public static final String TLS_NAME = "origin.test";

    private final HttpServer plain;
    private final HttpServer tls;
    private final SelfSignedCertificate certificate;
    private final AtomicInteger hits;

    private Origins(HttpServer plain, HttpServer tls, SelfSignedCertificate certificate,
            AtomicInteger hits) {
        this.hits = hits;
        this.plain = plain;
        this.tls = tls;
        this.certificate = certificate;
    }

    public static Origins start(Vertx vertx) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(TLS_NAME);
        var hits = new AtomicInteger();
        HttpServer plain = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> handle(vertx, request, hits));
        HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setSsl(true).setUseAlpn(true).setKeyCertOptions(certificate.keyCertOptions()))
                .requestHandler(request -> handle(vertx, request, hits));
        Future.all(plain.listen(), tls.listen()).await(30, TimeUnit.SECONDS);
        return new Origins(plain, tls, certificate, hits);
    }

    /** {@code http://127.0.0.1:PORT} */
    public String plainBase() {
        return "http://127.0.0.1:" + plain.actualPort();
    }

    public int plainPort() {
        return plain.actualPort();
    }

    public int tlsPort() {
        return tls.actualPort();
    }

    /** The PEM file of the TLS origin's certificate, for the client to trust. */
    public Path certificate() {
        return Path.of(certificate.certificatePath());
    }

    /** A port on 127.0.0.1 where nothing listens. */
    public static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Requests the origins received, on both ports. */
    public int hits() {
        return hits.get();
    }

    private static void handle(Vertx vertx, HttpServerRequest request, AtomicInteger hits) {
        hits.incrementAndGet();
        String path = request.path();
        switch (path) {
            case "/hello" -> request.response().end("hello");
            case "/echo" -> request.body().onSuccess(body -> {
                Map<String, String> headers = new TreeMap<>();
                request.headers().forEach(header -> headers.merge(header.getKey().toLowerCase(), header.getValue(),
                        (a, b) -> a + "," + b));
                var text = new StringBuilder(request.method().name());
                headers.forEach((name, value) -> text.append(' ').append(name).append('=').append(value));
                request.response().end(text.append(" body=").append(body.toString()).toString());
            });
            case "/slow" -> vertx.setTimer(Long.parseLong(request.getParam("ms")),
                    fired -> request.response().end("slow"));
            case "/big" -> {
                int bytes = Integer.parseInt(request.getParam("bytes"));
                if (request.getParam("chunked") != null) {
                    request.response().setChunked(true).write("x".repeat(bytes / 2));
                    request.response().end("x".repeat(bytes - bytes / 2));
                } else {
                    request.response().end("x".repeat(bytes));
                }
            }
            case "/redirect" -> request.response().setStatusCode(Integer.parseInt(request.getParam("status")))
                    .putHeader("location", request.getParam("to")).end("moved");
            case "/never" -> { }
            case "/version" -> request.response().end(request.version().name());
            default -> request.response().setStatusCode(404).end("no route " + path);
        }
    }

    @Override
    public void close() throws Exception {
        Future.join(plain.close(), tls.close()).await(30, TimeUnit.SECONDS);
        certificate.delete();
    }
}
