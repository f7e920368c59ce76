package dev.wedge.cli;

import dev.wedge.cli.Fixture.Expect;
import dev.wedge.cli.Fixture.Message;
import dev.wedge.host.http.Headers;
import io.vertx.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares what happened with a fixture's {@code expect}, field by field: each difference is one line,
 * {@code response.headers.x-added: expected "1", got absent}. No lines: it passed.
 */
final class FixtureCheck {

    private static final int SHOWN_CHARS = 200;

    private final List<String> differences = new ArrayList<>();

    private FixtureCheck() {}

    /**
     * @param origin what the origin received, or null when it was not called
     * @param response what the client got
     */
    static List<String> differences(Expect expect, FixtureOrigin.Received origin, Observed response) {
        var check = new FixtureCheck();
        if (expect.checkOrigin()) {
            if (expect.origin() == null && origin != null) {
                check.differences.add("origin: expected no request, got " + origin.method() + " " + origin.uri());
            } else if (expect.origin() != null && origin == null) {
                check.differences.add("origin: expected a request, got none");
            } else if (origin != null) {
                check.compare("origin", expect.origin(), new Observed(origin.method(), origin.uri(), null,
                        origin.headers(), origin.body()));
            }
        }
        if (expect.response() != null) {
            check.compare("response", expect.response(), response);
        }
        return List.copyOf(check.differences);
    }

    /** A request or response as it was seen; {@code status} null for a request, method and path for a response. */
    record Observed(String method, String path, Integer status, Headers headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private void compare(String side, Message expected, Observed got) {
        same(side + ".method", expected.method(), got.method());
        same(side + ".path", expected.path(), got.path());
        if (expected.status() != null && !expected.status().equals(got.status())) {
            differences.add(side + ".status: expected " + expected.status() + ", got " + got.status());
        }
        for (Map.Entry<String, String> header : expected.headers().entrySet()) {
            String name = side + ".headers." + header.getKey();
            String value = got.headers().get(header.getKey());
            if (header.getValue() == null) {
                if (value != null) {
                    differences.add(name + ": expected absent, got " + quoted(value));
                }
            } else if (value == null) {
                differences.add(name + ": expected " + quoted(header.getValue()) + ", got absent");
            } else if (!matches(got.headers(), header.getKey(), header.getValue())) {
                differences.add(name + ": expected " + quoted(header.getValue()) + ", got " + quoted(value));
            }
        }
        same(side + ".body", expected.body(), got.text());
        if (expected.bodyContains() != null) {
            for (String part : expected.bodyContains()) {
                if (!got.text().contains(part)) {
                    differences.add(side + ".bodyContains: expected " + quoted(part) + " in the body, got "
                            + quoted(got.text()));
                }
            }
        }
    }

    /** A header that came several times matches when one of its values, or all joined by ", ", is the one. */
    private static boolean matches(Headers headers, String name, String expected) {
        return expected.equals(headers.get(name)) || headers.entries().stream()
                .anyMatch(entry -> entry.getKey().equalsIgnoreCase(name) && entry.getValue().equals(expected));
    }

    private void same(String field, String expected, String got) {
        if (expected != null && !expected.equals(got)) {
            differences.add(field + ": expected " + quoted(expected) + ", got " + quoted(got));
        }
    }

    /** A value as JSON would write it, cut short when long, so whitespace and control characters show. */
    static String quoted(String text) {
        String shown = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) : text;
        String json = Json.encode(shown);
        return text.length() > SHOWN_CHARS ? json + " (" + text.length() + " chars)" : json;
    }
}
