package dev.wedge.bench.templates;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The s3 templates in Java: AWS Signature V4 (S3's flavour) with javax.crypto, path-style URLs. */
final class S3Floors {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private S3Floors() {}

    /** s3-download: a 302 to the object's presigned GET URL (KEY_PREFIX + the path's last segment), URL_TTL 300. */
    static JavaFloor download(Map<String, String> env, String secretKey) {
        return request -> {
            String name = java.net.URLDecoder.decode(request.path().substring(request.path().lastIndexOf('/') + 1)
                    .replace("+", "%2B"), StandardCharsets.UTF_8);
            String key = env.getOrDefault("KEY_PREFIX", "") + name;
            URI endpoint = URI.create(env.get("S3_ENDPOINT"));
            String host = endpoint.getRawAuthority().toLowerCase(java.util.Locale.ROOT);
            String path = "/" + uriEncode(env.get("S3_BUCKET"), false) + "/" + uriEncode(key, true);
            String amzDate = AMZ_DATE.format(Instant.ofEpochSecond(System.currentTimeMillis() / 1000));
            String scope = amzDate.substring(0, 8) + "/" + env.get("S3_REGION") + "/s3/aws4_request";
            String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                    + uriEncode(env.get("S3_ACCESS_KEY_ID") + "/" + scope, false) + "&X-Amz-Date=" + amzDate
                    + "&X-Amz-Expires=300&X-Amz-SignedHeaders=host";
            String canonical = request.method() + "\n" + path + "\n" + query + "\nhost:" + host
                    + "\n\nhost\nUNSIGNED-PAYLOAD";
            String url = endpoint.getScheme() + "://" + host + path + "?" + query + "&X-Amz-Signature="
                    + sign(secretKey, env.get("S3_REGION"), amzDate, scope, canonical);
            return ("Found: " + url + "\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String sign(String secretKey, String region, String amzDate, String scope, String canonical) {
        try {
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
            key = hmac(key, region);
            key = hmac(key, "s3");
            key = hmac(key, "aws4_request");
            return HexFormat.of().formatHex(hmac(key, toSign));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** SigV4's URI encoding: all but A-Z a-z 0-9 - . _ ~ (and / when kept) as %XX of the UTF-8 bytes. */
    private static String uriEncode(String text, boolean keepSlash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean plain = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
                    || c == '.' || c == '_' || c == '~' || keepSlash && c == '/';
            if (plain) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
