package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import java.nio.charset.StandardCharsets;

/** hello-page in Java: the greeting and the path, HTML-escaped, in the same page. */
public final class HelloPageFloor implements JavaFloor {

    private final String greeting;

    public HelloPageFloor(String greeting) {
        this.greeting = greeting;
    }

    @Override
    public byte[] handle(AppRequest request) {
        String shown = escape(greeting);
        return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + shown
                + "</title></head>\n<body><h1>" + shown + "</h1>\n<p>You asked for " + escape(request.path())
                + ".</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
