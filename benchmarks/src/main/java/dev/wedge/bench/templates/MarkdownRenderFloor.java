package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * markdown-render in Java: the same GET of BASE + path from the same loopback origin (a Vert.x client, as the
 * node's outbound client is), the document rendered by commonmark-java and put into a page. The HTML is not byte
 * for byte the template's (another renderer, another page), so the benchmark does not compare the bodies.
 */
public final class MarkdownRenderFloor implements JavaFloor {

    private final TemplateOrigin origin;
    private final HttpClient client;
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).build();

    public MarkdownRenderFloor(TemplateOrigin origin) {
        this.origin = origin;
        this.client = origin.vertx().createHttpClient();
    }

    @Override
    public byte[] handle(AppRequest request) {
        RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(origin.url() + request.path())
                .putHeader("accept", "text/markdown, text/plain;q=0.9, */*;q=0.1");
        Buffer body = TemplateOrigin.await(
                client.request(get).compose(req -> req.send().compose(response -> response.body())));
        String html = renderer.render(parser.parse(body.toString(StandardCharsets.UTF_8)));
        return ("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + request.path() + "</title></head>\n"
                + "<body>\n" + html + "</body></html>\n").getBytes(StandardCharsets.UTF_8);
    }
}
