package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.proxywasm.Upstream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * html2md in Java for a client that asks for Markdown: Accept-Encoding off the request, the HTML answer parsed by
 * jsoup and written as Markdown by a small walk of its elements (headings, paragraphs, emphasis, code, links,
 * images, lists, quotes, rules), Vary: Accept. Another parser and writer than the template's, so only the head of
 * the response is compared, and the size of the body.
 */
final class Html2MdFloor implements CdnFloor {

    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "template", "noscript", "svg",
            "iframe", "object", "select");

    @Override
    public AppResponse handle(AppRequest request, CannedOrigin origin) {
        Headers sent = request.headers().copy();
        sent.remove("accept-encoding");
        Upstream.Response answer = origin.forward(request.method(), FloorParams.target(request), sent);
        Headers headers = answer.headers();
        headers.set("vary", headers.get("vary") == null ? "Accept" : headers.get("vary") + ", Accept");
        headers.set("content-type", "text/markdown; charset=utf-8");
        StringBuilder markdown = new StringBuilder();
        write(Jsoup.parse(new String(answer.body(), StandardCharsets.UTF_8)).body(), markdown, "");
        return new AppResponse(answer.status(), headers, (markdown.toString().strip() + "\n")
                .getBytes(StandardCharsets.UTF_8), null);
    }

    /** Writes the children of {@code element}; {@code indent} prefixes the lines of nested lists and quotes. */
    private static void write(Element element, StringBuilder out, String indent) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                out.append(text.text().replace("*", "\\*").replace("_", "\\_"));
            } else if (child instanceof Element e && !SKIPPED.contains(e.normalName())) {
                writeElement(e, out, indent);
            }
        }
    }

    private static void writeElement(Element e, StringBuilder out, String indent) {
        String name = e.normalName();
        switch (name) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                out.append("\n\n").append(indent).append("#".repeat(name.charAt(1) - '0')).append(' ');
                write(e, out, indent);
                out.append("\n\n");
            }
            case "p", "div", "section", "article", "main", "table" -> {
                out.append("\n\n").append(indent);
                write(e, out, indent);
                out.append("\n\n");
            }
            case "strong", "b" -> wrap(e, out, indent, "**");
            case "em", "i" -> wrap(e, out, indent, "*");
            case "code" -> out.append('`').append(e.text()).append('`');
            case "pre" -> out.append("\n\n```\n").append(e.wholeText()).append("\n```\n\n");
            case "a" -> {
                out.append('[');
                write(e, out, indent);
                out.append("](").append(e.attr("href")).append(')');
            }
            case "img" -> out.append("![").append(e.attr("alt")).append("](").append(e.attr("src")).append(')');
            case "br" -> out.append("  \n").append(indent);
            case "hr" -> out.append("\n\n").append(indent).append("---\n\n");
            case "ul", "ol" -> {
                int number = 1;
                for (Element item : e.children()) {
                    out.append('\n').append(indent).append(name.equals("ol") ? number++ + ". " : "- ");
                    write(item, out, indent + "   ");
                }
                out.append("\n\n");
            }
            case "blockquote" -> {
                out.append("\n\n").append(indent).append("> ");
                write(e, out, indent + "> ");
                out.append("\n\n");
            }
            default -> write(e, out, indent);
        }
    }

    private static void wrap(Element e, StringBuilder out, String indent, String mark) {
        out.append(mark);
        write(e, out, indent);
        out.append(mark);
    }
}
