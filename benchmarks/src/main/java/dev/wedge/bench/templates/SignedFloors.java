package dev.wedge.bench.templates;

import static dev.wedge.bench.templates.FloorParams.response;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * download-auth and upload-auth in Java: the signature checked as _lib/signed.ts checks it (expiry, the longest
 * lifetime, hex HMAC-SHA256 with javax.crypto compared in constant time), then the credential taken off the
 * request sent on. The bench requests carry valid signatures: anything else throws (wrong work measured).
 */
final class SignedFloors {

    private SignedFloors() {}

    /** download-auth: TOKEN_PARAM or TOKEN_HEADER holds EXPIRES-HEX(HMAC(TOKEN_SECRET, "PATH\nEXPIRES")). */
    static CdnFloor downloadAuth(String secret, java.util.Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            String tokenParam = params.get("TOKEN_PARAM", "token");
            String tokenHeader = params.get("TOKEN_HEADER", "x-download-token").toLowerCase(Locale.ROOT);
            String fromQuery = Query.param(request.query(), tokenParam);
            String token = fromQuery != null ? fromQuery : request.headers().get(tokenHeader);
            int dash = token.indexOf('-');
            long expires = Long.parseLong(token.substring(0, dash));
            check(secret, request.path() + "\n" + expires, token.substring(dash + 1), expires,
                    Long.parseLong(params.get("MAX_TTL", "86400")));
            Headers sent = request.headers().copy();
            sent.remove(tokenHeader);
            return response(origin.forward(request.method(), withoutParams(request, List.of(tokenParam)), sent));
        };
    }

    /** upload-auth: SIGNATURE and EXPIRES (query or headers), HEX(HMAC(UPLOAD_SECRET, "METHOD\nPATH\nEXPIRES")). */
    static CdnFloor uploadAuth(String secret, java.util.Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            String method = request.method().toUpperCase(Locale.ROOT);
            if (!FloorParams.split(params.get("METHODS", "PUT,POST").toUpperCase(Locale.ROOT), ",").contains(method)) {
                throw new IllegalArgumentException("the bench case uploads");
            }
            String signatureParam = params.get("SIGNATURE_PARAM", "signature");
            String expiresParam = params.get("EXPIRES_PARAM", "expires");
            String signatureHeader = params.get("SIGNATURE_HEADER", "x-upload-signature").toLowerCase(Locale.ROOT);
            String expiresHeader = params.get("EXPIRES_HEADER", "x-upload-expires").toLowerCase(Locale.ROOT);
            String signature = Query.param(request.query(), signatureParam);
            String expiresText = Query.param(request.query(), expiresParam);
            signature = signature != null ? signature : request.headers().get(signatureHeader);
            expiresText = expiresText != null ? expiresText : request.headers().get(expiresHeader);
            long expires = Long.parseLong(expiresText);
            check(secret, method + "\n" + request.path() + "\n" + expiresText, signature, expires,
                    Long.parseLong(params.get("MAX_TTL", "3600")));
            Headers sent = request.headers().copy();
            sent.remove(signatureHeader);
            sent.remove(expiresHeader);
            return response(origin.forward(request.method(), withoutParams(request,
                    List.of(signatureParam, expiresParam)), sent));
        };
    }

    /** The hex HMAC-SHA256 a bench case signs with, as a signer would. */
    static String sign(String secret, String message) {
        return HexFormat.of().formatHex(hmac(secret, message));
    }

    private static void check(String secret, String message, String signatureHex, long expires, long maxTtl) {
        long now = System.currentTimeMillis() / 1000;
        if (expires < now || expires - now > maxTtl) {
            throw new IllegalArgumentException("the bench case's signature expired or lives too long");
        }
        byte[] given = HexFormat.of().parseHex(signatureHex);
        if (!MessageDigest.isEqual(hmac(secret, message), given)) {
            throw new IllegalArgumentException("the bench case's signature is wrong");
        }
    }

    private static byte[] hmac(String secret, String message) {
        return Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), message);
    }

    /** The target without the named query parameters, the others kept as sent. */
    private static String withoutParams(AppRequest request, List<String> names) {
        if (request.query().isEmpty()) {
            return request.path();
        }
        List<String> kept = new ArrayList<>();
        for (String pair : request.query().split("&")) {
            int eq = pair.indexOf('=');
            if (!names.contains(java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    StandardCharsets.UTF_8))) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? request.path() : request.path() + "?" + String.join("&", kept);
    }
}
