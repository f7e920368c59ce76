package dev.wedge.cli;

import dev.wedge.cli.Fixture.Expect;
import dev.wedge.cli.Fixture.Message;
import dev.wedge.cli.Fixture.OriginAnswer;
import dev.wedge.cli.Fixture.Request;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a fixture file (one fixture object or an array of them) with FastEdge's defaults. Unknown fields are
 * refused, as FastEdge's schema does: a misspelt {@code expect} field would otherwise check nothing.
 */
final class FixtureReader {

    /** A fixture that cannot be run as written; the message names the file and the field. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private static final Set<String> TOP = Set.of("$schema", "description", "appType", "wasm", "request", "response",
            "properties", "dotenv", "env", "secrets", "expect", "httpPort");
    private static final String PROXY_WASM = "proxy-wasm";
    private static final String HTTP_WASM = "http-wasm";

    private FixtureReader() {}

    static List<Fixture> read(Path file) throws Malformed {
        Object parsed;
        try {
            parsed = Json.decodeValue(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Malformed(file + ": cannot read: " + e.getMessage());
        } catch (DecodeException e) {
            throw new Malformed(file + ": not valid JSON: " + e.getMessage());
        }
        if (parsed instanceof JsonObject object) {
            return List.of(fixture(file, -1, object));
        }
        if (!(parsed instanceof JsonArray array)) {
            throw new Malformed(file + ": must hold a fixture object or an array of them");
        }
        List<Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject object)) {
                throw new Malformed(file + "[" + i + "]: must be a fixture object");
            }
            fixtures.add(fixture(file, i, object));
        }
        return fixtures;
    }

    private static Fixture fixture(Path file, int index, JsonObject json) throws Malformed {
        var top = new Fields(file + (index < 0 ? "" : "[" + index + "]"), "", json, TOP);
        String appType = top.string("appType", PROXY_WASM);
        if (!appType.equals(PROXY_WASM) && !appType.equals(HTTP_WASM)) {
            throw top.error("appType", "must be " + PROXY_WASM + " or " + HTTP_WASM + ", not '" + appType + "'");
        }
        boolean http = appType.equals(HTTP_WASM);
        Fields wasm = top.object("wasm", Set.of("path", "description"), true);
        Path dir = file.toAbsolutePath().getParent();
        Path module = dir.resolve(wasm.string("path", null, true));
        if (!Files.isRegularFile(module)) {
            throw wasm.error("path", "no such file: " + module);
        }
        Request request = request(top, http);
        Fields response = top.object("response", Set.of("status", "headers", "body"), false);
        var origin = new OriginAnswer(response.status("status", 200), response.strings("headers"),
                response.string("body", ""));
        Fields dotEnv = top.object("dotenv", Set.of("enabled", "path"), false);
        Path dotEnvFile = dotEnv.bool("enabled") ? dir.resolve(dotEnv.string("path", ".env")) : null;
        Expect expect = expect(top);
        if (http && expect != null && expect.checkOrigin()) {
            throw top.error("expect.origin", "an http-wasm app has no origin");
        }
        return new Fixture(file, index, top.string("description", null), http, module, request, origin,
                top.texts("properties"), dotEnvFile, top.strings("env"), top.strings("secrets"), expect);
    }

    /** The client's request: a URL for proxy-wasm, a path (or a URL) for http-wasm. */
    private static Request request(Fields top, boolean http) throws Malformed {
        Fields request = top.object("request", Set.of("method", "url", "path", "headers", "body"), true);
        String url = request.string("url", null, !http);
        String path = request.string("path", null, http && url == null);
        if (path != null && (!path.startsWith("/") || uri("http://localhost" + path) == null)) {
            throw request.error("path", "must be a path and query starting with /, not '" + path + "'");
        }
        URI parsed = url == null ? null : uri(url);
        if (url != null && (parsed == null || parsed.getHost() == null
                || !Set.of("http", "https").contains(parsed.getScheme()))) {
            throw request.error("url", "must be an http or https URL with a host, not '" + url + "'");
        }
        String method = request.string("method", "GET");
        if (!method.matches("[A-Z]+")) {
            throw request.error("method", "must be a method in capitals, like GET, not '" + method + "'");
        }
        return new Request(method, url, path, request.strings("headers"), request.string("body", ""));
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Expect expect(Fields top) throws Malformed {
        if (!top.json.containsKey("expect")) {
            return null;
        }
        Fields expect = top.object("expect", Set.of("origin", "response"), true);
        boolean checkOrigin = expect.json.containsKey("origin");
        Message origin = checkOrigin && expect.json.getValue("origin") != null
                ? message(expect.object("origin", Set.of("method", "path", "headers", "body", "bodyContains"), true))
                : null;
        Message response = expect.json.containsKey("response")
                ? message(expect.object("response", Set.of("status", "headers", "body", "bodyContains"), true))
                : null;
        return new Expect(checkOrigin, origin, response);
    }

    private static Message message(Fields fields) throws Malformed {
        if (fields.json.containsKey("body") && fields.json.containsKey("bodyContains")) {
            throw fields.error("bodyContains", "give either body or bodyContains");
        }
        Integer status = fields.json.containsKey("status") ? fields.status("status", 0) : null;
        return new Message(fields.string("method", null), fields.string("path", null), status,
                fields.json.containsKey("headers") ? fields.nullableStrings("headers") : Map.of(),
                fields.string("body", null), fields.list("bodyContains"));
    }

    /** One JSON object of a fixture, read with the field's full name in every error. */
    private static final class Fields {
        final String where;
        final String prefix;
        final JsonObject json;

        Fields(String where, String prefix, JsonObject json, Set<String> known) throws Malformed {
            this.where = where;
            this.prefix = prefix;
            this.json = json;
            for (String key : json.fieldNames()) {
                if (!known.contains(key)) {
                    throw error(key, "unknown field (known: " + String.join(", ", known.stream().sorted().toList())
                            + ")");
                }
            }
        }

        Malformed error(String key, String message) {
            return new Malformed(where + ": " + prefix + key + ": " + message);
        }

        /** A nested object; an absent optional one reads as empty. */
        Fields object(String key, Set<String> known, boolean required) throws Malformed {
            Object value = json.getValue(key);
            if (value == null && !required) {
                return new Fields(where, prefix + key + ".", new JsonObject(), known);
            }
            if (!(value instanceof JsonObject object)) {
                throw error(key, value == null ? "missing (an object)" : "must be an object");
            }
            return new Fields(where, prefix + key + ".", object, known);
        }

        String string(String key, String fallback) throws Malformed {
            return string(key, fallback, false);
        }

        String string(String key, String fallback, boolean required) throws Malformed {
            Object value = json.getValue(key);
            if (value == null) {
                if (required) {
                    throw error(key, "missing (a string)");
                }
                return fallback;
            }
            if (!(value instanceof String text)) {
                throw error(key, "must be a string");
            }
            return text;
        }

        boolean bool(String key) throws Malformed {
            Object value = json.getValue(key);
            if (value != null && !(value instanceof Boolean)) {
                throw error(key, "must be true or false");
            }
            return Boolean.TRUE.equals(value);
        }

        int status(String key, int fallback) throws Malformed {
            Object value = json.getValue(key);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof Integer number) || number < 100 || number > 599) {
                throw error(key, "must be an HTTP status, 100 to 599");
            }
            return number;
        }

        /** An object of strings; absent: empty. */
        Map<String, String> strings(String key) throws Malformed {
            Map<String, String> values = nullableStrings(key);
            for (var entry : values.entrySet()) {
                if (entry.getValue() == null) {
                    throw error(key + "." + entry.getKey(), "must be a string");
                }
            }
            return values;
        }

        /** An object of strings or nulls; absent: empty. */
        Map<String, String> nullableStrings(String key) throws Malformed {
            Map<String, String> values = new LinkedHashMap<>();
            for (var entry : members(key).entrySet()) {
                if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
                    throw error(key + "." + entry.getKey(), "must be a string or null");
                }
                values.put(entry.getKey(), (String) entry.getValue());
            }
            return values;
        }

        /** An object of any values, each as text: strings as they are, anything else as its JSON (FastEdge's). */
        Map<String, String> texts(String key) throws Malformed {
            Map<String, String> values = new LinkedHashMap<>();
            members(key).forEach((name, value) -> values.put(name, value instanceof String text ? text
                    : Json.encode(value)));
            return values;
        }

        private Map<String, Object> members(String key) throws Malformed {
            Object value = json.getValue(key);
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof JsonObject object)) {
                throw error(key, "must be an object");
            }
            Map<String, Object> members = new LinkedHashMap<>();
            object.forEach(entry -> members.put(entry.getKey(), entry.getValue()));
            return members;
        }

        /** A list of strings, or null when absent. */
        List<String> list(String key) throws Malformed {
            Object value = json.getValue(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof JsonArray array) || array.stream().anyMatch(item -> !(item instanceof String))) {
                throw error(key, "must be a list of strings");
            }
            return array.stream().map(String.class::cast).toList();
        }
    }
}
