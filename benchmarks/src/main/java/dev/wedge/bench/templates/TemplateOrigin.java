package dev.wedge.bench.templates;

import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.net.Cidr;
import dev.wedge.host.outbound.OutboundClient;
import dev.wedge.host.outbound.OutboundSettings;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real origin on loopback for the templates that fetch (markdown-render, anon-proxy) or store (s3-upload): one
 * document for every path and method, and the node's outbound client that the module's calls go through; the
 * Java floor calls it too.
 */
public final class TemplateOrigin implements AutoCloseable {

    /** What the origin answers to every request. */
    private record Document(String contentType, Buffer body) { }

    private final Vertx vertx;
    private final HttpServer server;
    private final OutboundClient outbound;
    private volatile Document document;

    private TemplateOrigin(Vertx vertx, String contentType, byte[] document, String... headers) {
        this.vertx = vertx;
        serve(contentType, document);
        this.server = await(vertx.createHttpServer().requestHandler(request -> {
            Document answer = this.document;
            var response = request.response().putHeader("content-type", answer.contentType());
            for (int i = 0; i + 1 < headers.length; i += 2) {
                response.putHeader(headers[i], headers[i + 1]);
            }
            request.body().onComplete(read -> response.end(answer.body())); // an upload is read whole first
        }).listen(0, "127.0.0.1"));
        this.outbound = OutboundClient.create(vertx);
    }

    /** An origin answering {@code document} with its content type, and {@code headers} (names and values). */
    public static TemplateOrigin serving(String contentType, byte[] document, String... headers) {
        return new TemplateOrigin(Vertx.vertx(), contentType, document, headers);
    }

    /** Serves another document from now on (one the module made of the first, see TemplateCase.remake). */
    public void serve(String contentType, byte[] document) {
        this.document = new Document(contentType, Buffer.buffer(document));
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public Vertx vertx() {
        return vertx;
    }

    public OutboundClient outbound() {
        return outbound;
    }

    /** The outbound settings that let a module reach this origin (loopback is private, so it is allowed here). */
    public static OutboundSettings loopbackAllowed() {
        try {
            return new OutboundSettings(List.of(), new AddressPolicy(List.of(Cidr.parse("127.0.0.1"))),
                    OutboundSettings.DEFAULT_MAX_REQUESTS, OutboundSettings.DEFAULT_MAX_RESPONSE_BYTES,
                    OutboundSettings.DEFAULT.timeout(), 0, List.of());
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(outbound.close());
        await(vertx.close());
    }

    /** The result of a setup or teardown step, which has 30 s. */
    static <T> T await(Future<T> step) {
        try {
            return step.await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a step of the benchmark's origin took over 30 s", e);
        }
    }
}
