package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * jwt-check in Java: split, check the header's alg, then for HS256 HMAC-SHA256 with javax.crypto compared in
 * constant time, for RS256 SHA256withRSA with java.security; check exp, greet sub (the claims are found by a plain
 * text search, as the guest's small JSON reader does).
 */
public final class JwtFloor implements JavaFloor {

    /** The HS256 secret, or null when tokens are RS256. */
    private final byte[] secret;
    /** The RS256 public key, or null when tokens are HS256. */
    private final PublicKey publicKey;

    private JwtFloor(byte[] secret, PublicKey publicKey) {
        this.secret = secret;
        this.publicKey = publicKey;
    }

    public static JwtFloor hs256(String secret) {
        return new JwtFloor(secret.getBytes(StandardCharsets.UTF_8), null);
    }

    public static JwtFloor rs256(PublicKey publicKey) {
        return new JwtFloor(null, publicKey);
    }

    @Override
    public byte[] handle(AppRequest request) {
        String token = request.headers().get("authorization").substring("Bearer ".length());
        int dot1 = token.indexOf('.');
        int dot2 = token.indexOf('.', dot1 + 1);
        Base64.Decoder base64 = Base64.getUrlDecoder();
        String header = new String(base64.decode(token.substring(0, dot1)), StandardCharsets.UTF_8);
        String alg = secret != null ? "HS256" : "RS256";
        if (!header.replace(" ", "").contains("\"alg\":\"" + alg + "\"")) {
            throw new IllegalArgumentException("not " + alg);
        }
        byte[] signed = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = base64.decode(token.substring(dot2 + 1));
        try {
            if (!(secret != null ? hmacMatches(signed, signature) : rsaMatches(signed, signature))) {
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

    private boolean hmacMatches(byte[] signed, byte[] signature) {
        return MessageDigest.isEqual(Hmac.sha256(secret, signed), signature);
    }

    private boolean rsaMatches(byte[] signed, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(signed);
        return verifier.verify(signature);
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
