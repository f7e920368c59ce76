package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * jwt-check for an HS256 token in Java: split, check the header's alg, HMAC-SHA256 with javax.crypto, compare
 * in constant time, check exp, greet sub (the claims are found by a plain text search, as the guest's small JSON
 * reader does). RS256 is not benchmarked (no signed fixture with its key in the benchmark yet).
 */
public final class JwtFloor implements JavaFloor {

    private final byte[] secret;

    public JwtFloor(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] handle(AppRequest request) {
        String token = request.headers().get("authorization").substring("Bearer ".length());
        int dot1 = token.indexOf('.');
        int dot2 = token.indexOf('.', dot1 + 1);
        Base64.Decoder base64 = Base64.getUrlDecoder();
        String header = new String(base64.decode(token.substring(0, dot1)), StandardCharsets.UTF_8);
        if (!header.replace(" ", "").contains("\"alg\":\"HS256\"")) {
            throw new IllegalArgumentException("not HS256");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal(token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, base64.decode(token.substring(dot2 + 1)))) {
                throw new IllegalArgumentException("bad signature");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String payload = new String(base64.decode(token.substring(dot1 + 1, dot2)), StandardCharsets.UTF_8);
        long exp = Long.parseLong(claim(payload, "exp"));
        if (exp <= System.currentTimeMillis() / 1000) {
            throw new IllegalArgumentException("expired");
        }
        String sub = claim(payload, "sub");
        return ("hello " + (sub == null ? "anonymous" : sub.substring(1, sub.length() - 1)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The raw value of a top-level claim (a string keeps its quotes), or null. */
    private static String claim(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 3;
        int end = start;
        if (json.charAt(start) == '"') {
            end = json.indexOf('"', start + 1) + 1;
        } else {
            while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
                end++;
            }
        }
        return json.substring(start, end);
    }
}
