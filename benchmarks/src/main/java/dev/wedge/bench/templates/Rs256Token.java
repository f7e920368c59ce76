package dev.wedge.bench.templates;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * An RS256 token for jwt-check and the PEM of the public key that verifies it: a 2048-bit key made once per JVM
 * (the cost of a verification depends on the key's size, not on the key), the same claims as the HS256 fixture.
 */
final class Rs256Token {

    static final Rs256Token INSTANCE = new Rs256Token();

    private final PublicKey publicKey;
    private final String token;

    private Rs256Token() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String signed = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + base64.encodeToString("{\"sub\":\"alice\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(pair.getPrivate());
            signer.update(signed.getBytes(StandardCharsets.US_ASCII));
            publicKey = pair.getPublic();
            token = signed + "." + base64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    String token() {
        return token;
    }

    /** The public key as the template's JWT_PUBLIC_KEY setting takes it. */
    String pem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
