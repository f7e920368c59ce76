package dev.wedge.host.run;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.wasi.StringBlock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The CGI/1.1 variables and WAGI arguments a request is presented with (docs/abi.md, "WAGI apps"). */
final class CgiEnvironment {

    /** Passed in their own variables, or withheld as RFC 3875 section 4.1.18 advises. */
    private static final Set<String> NOT_AS_HTTP = Set.of("authorization", "content-type", "content-length");

    private CgiEnvironment() {}

    static StringBlock variables(AppRequest request, Map<String, String> appEnv) {
        Map<String, String> vars = new LinkedHashMap<>(appEnv);
        String pathInfo = request.path().substring(Math.min(request.routePrefix().length(), request.path().length()));
        vars.put("GATEWAY_INTERFACE", "CGI/1.1");
        vars.put("SERVER_PROTOCOL", "HTTP/1.1");
        vars.put("SERVER_SOFTWARE", "wedge");
        vars.put("SERVER_NAME", request.serverName());
        vars.put("SERVER_PORT", Integer.toString(request.serverPort()));
        vars.put("REQUEST_METHOD", request.method());
        vars.put("SCRIPT_NAME", request.routePrefix());
        String decodedPathInfo = percentDecode(pathInfo, false);
        vars.put("PATH_INFO", decodedPathInfo);
        vars.put("PATH_TRANSLATED", decodedPathInfo);
        vars.put("QUERY_STRING", request.query());
        vars.put("REMOTE_ADDR", request.remoteAddress());
        vars.put("REMOTE_HOST", request.remoteAddress());
        vars.put("AUTH_TYPE", "");
        vars.put("REMOTE_USER", "");
        vars.put("X_FULL_URL", request.url());
        vars.put("X_MATCHED_ROUTE", request.routePrefix().isEmpty() ? "/" : request.routePrefix());
        if (request.body().length > 0 || request.headers().contains("content-length")) {
            vars.put("CONTENT_LENGTH", Integer.toString(request.body().length));
        }
        String contentType = request.headers().get("content-type");
        if (contentType != null && request.body().length > 0) {
            vars.put("CONTENT_TYPE", contentType);
        }
        for (var header : request.headers().entries()) {
            if (!NOT_AS_HTTP.contains(header.getKey())) {
                String name = "HTTP_" + header.getKey().toUpperCase(Locale.ROOT).replace('-', '_');
                vars.merge(name, header.getValue(), (a, b) -> a + ", " + b);
            }
        }
        return StringBlock.environ(vars);
    }

    /** argv[0] is the path; then the query split on {@code &}, each piece decoded. */
    static StringBlock arguments(AppRequest request) {
        var args = new StringBlock.Builder().add(request.path());
        if (!request.query().isEmpty()) {
            for (String piece : request.query().split("&")) {
                args.add(percentDecode(piece, true));
            }
        }
        return args.build();
    }

    /** Lenient percent-decoding: a malformed escape is kept as written. */
    static String percentDecode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text; // nothing to decode: most paths and arguments
        }
        var out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(plusIsSpace && b == '+' ? ' ' : b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
