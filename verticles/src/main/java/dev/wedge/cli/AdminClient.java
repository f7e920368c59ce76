package dev.wedge.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking client of a node's admin API (docs/admin-api.md): the CLI runs on its own thread, so plain
 * java.net.http is enough. Every call answers the parsed JSON or throws {@link AdminException}.
 */
final class AdminClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // A deploy waits for every node to load the module, which can take a while for big modules.
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    /** The admin API refused a call, or could not be reached; the message is one line for the user. */
    static final class AdminException extends RuntimeException {
        AdminException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The answer to a change: the app, whether every node confirmed it, and each node's state. */
    record Change(int status, JsonObject json) {
        boolean complete() {
            return json.getBoolean("complete", status != 202);
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String token;

    AdminClient(URI base, String token) {
        // HTTP/1.1: no h2c upgrade dance in front of multi-megabyte module uploads.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
        this.base = base;
        this.token = token;
    }

    /** POST /modules: validates and stores a module; answers {sha256, size, kind}. */
    JsonObject upload(byte[] wasm) {
        return object(send("POST", "/modules", "application/wasm", wasm));
    }

    /** PUT /apps/NAME with the module only: a new version that keeps the app's current settings. */
    Change deploy(String name, byte[] wasm) {
        return change(send("PUT", app(name), "application/wasm", wasm));
    }

    /** PUT /apps/NAME with {"module": "sha256:HEX", "config": {...}}. */
    Change deploy(String name, JsonObject request) {
        return change(send("PUT", app(name), "application/json", bytes(request)));
    }

    JsonArray list() {
        return array(send("GET", "/apps", null, null));
    }

    JsonObject get(String name) {
        return object(send("GET", app(name), null, null));
    }

    JsonArray versions(String name) {
        return array(send("GET", app(name) + "/versions", null, null));
    }

    /** Activates {@code version}, or the one before the active one when null. */
    Change rollback(String name, Integer version) {
        byte[] body = version == null ? null : bytes(new JsonObject().put("version", version));
        return change(send("POST", app(name) + "/rollback", body == null ? null : "application/json", body));
    }

    Change enable(String name, boolean enabled) {
        return change(send("POST", app(name) + (enabled ? "/enable" : "/disable"), null, null));
    }

    Change delete(String name) {
        return change(send("DELETE", app(name), null, null));
    }

    /** GET /sites: the sites put through the API. */
    JsonArray sites() {
        return array(send("GET", "/sites", null, null));
    }

    JsonObject site(String name) {
        return object(send("GET", path("/sites/", name), null, null));
    }

    /** PUT /sites/NAME: creates or replaces the site; {@code settings} has a config file site's keys. */
    Change putSite(String name, JsonObject settings) {
        return change(send("PUT", path("/sites/", name), "application/json", bytes(settings)));
    }

    Change deleteSite(String name) {
        return change(send("DELETE", path("/sites/", name), null, null));
    }

    JsonArray templates() {
        return array(send("GET", "/templates", null, null));
    }

    JsonObject template(String name) {
        return object(send("GET", path("/templates/", name), null, null));
    }

    /** POST /templates/NAME/deploy with {app, routes, origin, params} (docs/templates.md). */
    Change deployTemplate(String name, JsonObject request) {
        return change(send("POST", path("/templates/", name) + "/deploy", "application/json", bytes(request)));
    }

    /** POST /cache/purge with {"url"|"prefix"|"tag": VALUE} or {"all": true}: answers {purged, by, value}. */
    JsonObject purge(JsonObject selector) {
        return object(send("POST", "/cache/purge", "application/json", bytes(selector)));
    }

    private static String app(String name) {
        return path("/apps/", name);
    }

    private static String path(String collection, String name) {
        return collection + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String path, String type, byte[] body) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("authorization", "Bearer " + token)
                .header("accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("content-type", type);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new AdminException("cannot reach the admin API at " + base + ": no connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new AdminException("the admin API at " + base + " did not answer " + method + " " + path + " within "
                    + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new AdminException("cannot reach the admin API at " + base + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted while waiting for the admin API at " + base, e);
        }
        if (response.statusCode() >= 300) {
            throw new AdminException("admin API answered " + response.statusCode() + " " + problem(response.body()),
                    null);
        }
        return response;
    }

    /** Why a connection failed: java.net.http's exceptions often carry no message, only their type. */
    private String reason(Throwable failure) {
        boolean connect = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host " + base.getHost();
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
            connect |= cause instanceof ConnectException;
        }
        return connect ? "connection refused" : failure.getClass().getSimpleName();
    }

    /** "CODE: MESSAGE" from a JSON error body; otherwise the start of whatever the body was. */
    private static String problem(String body) {
        try {
            var json = new JsonObject(body);
            String code = json.getValue("error") == null ? "error" : json.getValue("error").toString();
            return json.getValue("message") == null ? code : code + ": " + json.getValue("message");
        } catch (DecodeException | ClassCastException e) {
            String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? "(no body)" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
    }

    private static Change change(HttpResponse<String> response) {
        return new Change(response.statusCode(), object(response));
    }

    private static JsonObject object(HttpResponse<String> response) {
        try {
            return new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            throw unexpected(response, e);
        }
    }

    private static JsonArray array(HttpResponse<String> response) {
        try {
            return new JsonArray(response.body());
        } catch (DecodeException | ClassCastException e) {
            throw unexpected(response, e);
        }
    }

    private static AdminException unexpected(HttpResponse<String> response, Exception e) {
        return new AdminException("admin API answered " + response.statusCode() + " with a body that is not the "
                + "expected JSON: " + problem(response.body()), e);
    }
}
