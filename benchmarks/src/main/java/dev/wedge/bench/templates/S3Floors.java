package dev.wedge.bench.templates;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** The s3 templates in Java: AWS Signature V4 (S3's flavour) with javax.crypto, path-style URLs. */
final class S3Floors {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private S3Floors() {}

    /**
     * The object a request names (KEY_PREFIX + the path's last segment) in the bucket, signed now.
     *
     * @param host the endpoint's authority, lower case (the tests' endpoints carry no default port)
     * @param path the object's canonical path, each segment URI-encoded
     */
    private record S3Object(String key, String base, String host, String path, String region, String amzDate,
            String scope) {

        static S3Object of(Map<String, String> env, String requestPath) {
            String name = URLDecoder.decode(requestPath.substring(requestPath.lastIndexOf('/') + 1)
                    .replace("+", "%2B"), StandardCharsets.UTF_8);
            String key = env.getOrDefault("KEY_PREFIX", "") + name;
            URI endpoint = URI.create(env.get("S3_ENDPOINT"));
            String host = endpoint.getRawAuthority().toLowerCase(Locale.ROOT);
            String amzDate = AMZ_DATE.format(Instant.ofEpochSecond(System.currentTimeMillis() / 1000));
            String region = env.get("S3_REGION");
            return new S3Object(key, endpoint.getScheme() + "://" + host, host, "/" + uriEncode(env.get("S3_BUCKET"),
                    false) + "/" + uriEncode(key, true), region, amzDate, amzDate.substring(0, 8) + "/" + region
                    + "/s3/aws4_request");
        }

        String signature(String secretKey, String canonical) {
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + HexFormat.of().formatHex(sha256(
                    canonical.getBytes(StandardCharsets.UTF_8)));
            byte[] signingKey = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
            signingKey = hmac(signingKey, region);
            signingKey = hmac(signingKey, "s3");
            signingKey = hmac(signingKey, "aws4_request");
            return HexFormat.of().formatHex(hmac(signingKey, toSign));
        }
    }

    /** s3-download: a 302 to the object's presigned URL for the request's method, valid 300 s (URL_TTL's default). */
    static JavaFloor download(Map<String, String> env, String secretKey) {
        return request -> {
            S3Object object = S3Object.of(env, request.path());
            String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                    + uriEncode(env.get("S3_ACCESS_KEY_ID") + "/" + object.scope(), false) + "&X-Amz-Date="
                    + object.amzDate() + "&X-Amz-Expires=300&X-Amz-SignedHeaders=host";
            String canonical = request.method() + "\n" + object.path() + "\n" + query + "\nhost:" + object.host()
                    + "\n\nhost\nUNSIGNED-PAYLOAD";
            return ("Found: " + object.base() + object.path() + "?" + query + "&X-Amz-Signature="
                    + object.signature(secretKey, canonical) + "\n").getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * s3-upload: the body PUT as the object, signed in headers (x-amz-date, x-amz-content-sha256, Authorization
     * over host and those two), through a Vert.x client as the node's outbound client is; 201 with the key, the
     * size and the storage's ETag as JSON.
     */
    static JavaFloor upload(Map<String, String> env, String secretKey, TemplateOrigin origin) {
        HttpClient client = origin.vertx().createHttpClient();
        return request -> {
            S3Object object = S3Object.of(env, request.path());
            String payloadHash = HexFormat.of().formatHex(sha256(request.body()));
            String signed = "host;x-amz-content-sha256;x-amz-date";
            String canonical = "PUT\n" + object.path() + "\n\nhost:" + object.host() + "\nx-amz-content-sha256:"
                    + payloadHash + "\nx-amz-date:" + object.amzDate() + "\n\n" + signed + "\n" + payloadHash;
            String authorization = "AWS4-HMAC-SHA256 Credential=" + env.get("S3_ACCESS_KEY_ID") + "/"
                    + object.scope() + ", SignedHeaders=" + signed + ", Signature="
                    + object.signature(secretKey, canonical);
            RequestOptions put = new RequestOptions().setMethod(HttpMethod.PUT)
                    .setAbsoluteURI(object.base() + object.path()).putHeader("x-amz-date", object.amzDate())
                    .putHeader("x-amz-content-sha256", payloadHash).putHeader("authorization", authorization)
                    .putHeader("content-type", request.headers().get("content-type"));
            String etag = TemplateOrigin.await(client.request(put)
                    .compose(req -> req.send(Buffer.buffer(request.body())))
                    .compose(response -> response.body().map(body -> response.getHeader("etag"))));
            return ("{\"key\":\"" + object.key() + "\",\"size\":" + request.body().length + ",\"etag\":"
                    + (etag == null ? "null" : "\"" + etag.replace("\"", "\\\"") + "\"") + "}\n")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        return Hmac.sha256(key, data);
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
