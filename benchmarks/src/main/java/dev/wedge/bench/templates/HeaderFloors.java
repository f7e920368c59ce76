package dev.wedge.bench.templates;

import static dev.wedge.bench.templates.FloorParams.local;
import static dev.wedge.bench.templates.FloorParams.mediaType;
import static dev.wedge.bench.templates.FloorParams.passOn;
import static dev.wedge.bench.templates.FloorParams.response;
import static dev.wedge.bench.templates.FloorParams.split;

import dev.wedge.host.http.Headers;
import dev.wedge.host.proxywasm.Upstream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The header-only CDN templates in Java: the same rules as their .ts, for the inputs of their bench cases. */
final class HeaderFloors {

    private HeaderFloors() {}

    /** cache-control: the first rule whose pattern matches the content type, else DEFAULT, on a 2xx/3xx. */
    static CdnFloor cacheControl(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            Upstream.Response answer = passOn(request, origin);
            if (answer.status() >= 200 && answer.status() <= 399) {
                String type = mediaType(answer.headers().get("content-type"));
                String value = params.get("DEFAULT");
                for (String rule : split(params.get("RULES"), ";")) {
                    int equals = rule.indexOf('=');
                    if (equals > 0 && !type.isEmpty() && typeMatches(rule.substring(0, equals).strip()
                            .toLowerCase(Locale.ROOT), type)) {
                        value = rule.substring(equals + 1).strip();
                        break;
                    }
                }
                if (!value.isEmpty()) {
                    answer.headers().set("cache-control", value);
                }
            }
            return response(answer);
        };
    }

    private static boolean typeMatches(String pattern, String type) {
        return pattern.equals("*") || pattern.equals("*/*") || pattern.equals(type)
                || pattern.endsWith("/*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }

    /** header-rewrite: removals, then sets, then adds, on the request and on the response. */
    static CdnFloor headerRewrite(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            Headers sent = rewrite(request.headers(), params, "REQUEST");
            Upstream.Response answer = origin.forward(request.method(), FloorParams.target(request), sent);
            return local(answer.status(), rewrite(answer.headers(), params, "RESPONSE"), answer.body());
        };
    }

    private static Headers rewrite(Headers headers, FloorParams params, String prefix) {
        List<String> removed = new ArrayList<>(split(params.get(prefix + "_REMOVE").toLowerCase(Locale.ROOT), ","));
        List<Map.Entry<String, String>> set = pairs(params.get(prefix + "_SET"));
        List<Map.Entry<String, String>> added = pairs(params.get(prefix + "_ADD"));
        set.forEach(pair -> removed.add(pair.getKey()));
        Headers out = new Headers();
        headers.entries().stream().filter(entry -> !removed.contains(entry.getKey()))
                .forEach(entry -> out.add(entry.getKey(), entry.getValue()));
        set.forEach(pair -> out.add(pair.getKey(), pair.getValue()));
        added.forEach(pair -> out.add(pair.getKey(), pair.getValue()));
        return out;
    }

    private static List<Map.Entry<String, String>> pairs(String text) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String entry : FloorParams.entries(text)) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                out.add(Map.entry(entry.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        entry.substring(colon + 1).strip()));
            }
        }
        return out;
    }

    /** harden-cookies: Secure, HttpOnly and SameSite on every Set-Cookie (of the named cookies). */
    static CdnFloor hardenCookies(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            Upstream.Response answer = passOn(request, origin);
            List<String> names = split(params.get("COOKIE_NAME"), ",");
            String sameSite = switch (params.get("SAME_SITE", "Strict").toLowerCase(Locale.ROOT)) {
                case "lax" -> "Lax";
                case "none" -> "None";
                default -> "Strict";
            };
            Headers out = new Headers();
            for (Map.Entry<String, String> header : answer.headers().entries()) {
                String value = header.getValue();
                boolean harden = header.getKey().equals("set-cookie")
                        && (names.isEmpty() || names.contains(cookieName(value)));
                out.add(header.getKey(), harden ? harden(value, sameSite) : value);
            }
            return local(answer.status(), out, answer.body());
        };
    }

    private static String cookieName(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        return (eq < 0 ? pair : pair.substring(0, eq)).strip();
    }

    private static String harden(String setCookie, String sameSite) {
        String[] parts = setCookie.split(";", -1);
        List<String> kept = new ArrayList<>(List.of(parts[0].strip()));
        boolean secure = false;
        boolean httpOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip();
            int eq = attribute.indexOf('=');
            String key = (eq < 0 ? attribute : attribute.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            if (key.equals("samesite") || attribute.isEmpty()) {
                continue;
            }
            secure |= key.equals("secure");
            httpOnly |= key.equals("httponly");
            kept.add(attribute);
        }
        if (!secure) {
            kept.add("Secure");
        }
        if (!httpOnly) {
            kept.add("HttpOnly");
        }
        kept.add("SameSite=" + sameSite);
        return String.join("; ", kept);
    }

    /** cors for a request that is not a preflight: an allowed origin's answer gets its CORS headers. */
    static CdnFloor cors(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            Upstream.Response answer = passOn(request, origin);
            String caller = request.headers().get("origin");
            List<String> allowed = split(params.get("ALLOWED_ORIGINS", "*"), ",");
            boolean credentials = params.get("ALLOW_CREDENTIALS").equalsIgnoreCase("true");
            boolean any = allowed.contains("*");
            if (caller == null || !any && allowed.stream().noneMatch(o -> o.equalsIgnoreCase(caller))) {
                return response(answer);
            }
            Headers headers = answer.headers();
            String value = any && !credentials ? "*" : caller;
            headers.set("access-control-allow-origin", value);
            String vary = headers.get("vary");
            if (!value.equals("*") && vary == null) {
                headers.set("vary", "Origin");
            } else if (!value.equals("*") && !vary.toLowerCase(Locale.ROOT).contains("origin") && !vary.equals("*")) {
                headers.set("vary", vary + ", Origin");
            }
            if (credentials) {
                headers.set("access-control-allow-credentials", "true");
            }
            if (!params.get("EXPOSE_HEADERS").isEmpty()) {
                headers.set("access-control-expose-headers", params.get("EXPOSE_HEADERS"));
            }
            return response(answer);
        };
    }

    private static final String DEFAULT_ERROR_PAGE = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Error {status}</title></head>\n<body><h1>Error {status}</h1><p>Sorry, this page is not "
            + "available right now.</p></body></html>\n";
    private static final List<String> KEPT_HEADERS = List.of("retry-after", "www-authenticate", "allow",
            "cache-control");

    /** error-pages: a listed error status gets the configured page, only the headers that explain it kept. */
    static CdnFloor errorPages(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            Upstream.Response answer = passOn(request, origin);
            int status = answer.status();
            if (!listed(status, params.get("ERROR_STATUSES", "400-599"))) {
                return response(answer);
            }
            String code = Integer.toString(status);
            String page = params.get("ERROR_PAGE_" + code, params.get("ERROR_PAGE_" + code.charAt(0) + "XX",
                    params.get("ERROR_PAGE", DEFAULT_ERROR_PAGE)));
            Headers headers = Headers.of("content-type", "text/html; charset=utf-8");
            for (String name : KEPT_HEADERS) {
                String value = answer.headers().get(name);
                if (value != null && !value.isEmpty()) {
                    headers.add(name, value);
                }
            }
            return local(status, headers, page.replace("{status}", code).getBytes(StandardCharsets.UTF_8));
        };
    }

    private static boolean listed(int status, String list) {
        for (String item : split(list, ",")) {
            int dash = item.indexOf('-');
            try {
                int low = Integer.parseInt((dash < 0 ? item : item.substring(0, dash)).strip());
                int high = dash < 0 ? low : Integer.parseInt(item.substring(dash + 1).strip());
                if (status >= low && status <= high) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // not a code or a range: ignored, as the filter does
            }
        }
        return false;
    }

    /** geo-block: the country the node located (geoip-country-code) against COUNTRIES; blocked: a 403 page. */
    static CdnFloor geoBlock(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            String located = request.headers().get("geoip-country-code");
            String country = located == null ? "" : located.strip().toUpperCase(Locale.ROOT);
            boolean allowed;
            if (country.isEmpty()) {
                allowed = !params.get("UNKNOWN", "allow").equalsIgnoreCase("deny");
            } else {
                boolean listed = split(params.get("COUNTRIES"), ",").stream().anyMatch(country::equalsIgnoreCase);
                allowed = params.get("MODE", "deny").equalsIgnoreCase("allow") == listed;
            }
            if (allowed) {
                return response(passOn(request, origin));
            }
            String message = params.get("MESSAGE", "This content is not available in your country.");
            String page = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Not available</title></head>\n"
                    + "<body><h1>Not available</h1><p>" + HelloPageFloor.escape(message) + "</p></body></html>\n";
            return local(403, Headers.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store",
                    "x-blocked-country", country.isEmpty() ? "unknown" : country), page.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** ab-split for a visitor whose cookie names a variant: B goes to B_HOST; the variant header either way. */
    static CdnFloor abSplit(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            String name = params.get("COOKIE_NAME", "ab_variant");
            String variant = "";
            String cookies = request.headers().get("cookie");
            for (String pair : split(cookies == null ? "" : cookies, ";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    variant = pair.substring(equals + 1).strip().toLowerCase(Locale.ROOT);
                    break;
                }
            }
            if (!variant.equals("a") && !variant.equals("b")) {
                throw new IllegalArgumentException("the bench case sends a variant cookie: no random draw");
            }
            Headers sent = request.headers().copy();
            if (variant.equals("b") && !params.get("B_HOST").isEmpty()) {
                sent.set("host", params.get("B_HOST"));
            }
            String header = params.get("VARIANT_HEADER", "x-ab-variant").toLowerCase(Locale.ROOT);
            if (!header.equals("none")) {
                sent.set(header, variant);
            }
            return response(origin.forward(request.method(), FloorParams.target(request), sent));
        };
    }
}
