package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The signed requests of the download-auth and upload-auth cases, valid for an hour from when they are made. */
final class SignedUrls {

    static final String SECRET = "bench-signing-secret";
    /** Each template's secret parameter. */
    static final Map<String, String> SECRET_NAMES = Map.of("download-auth", "TOKEN_SECRET", "upload-auth",
            "UPLOAD_SECRET");

    private SignedUrls() {}

    static AppRequest download() {
        long expires = System.currentTimeMillis() / 1000 + 3600;
        String path = "/files/report.pdf";
        String token = expires + "-" + SignedFloors.sign(SECRET, path + "\n" + expires);
        return CdnCase.get(path + "?v=2&token=" + token);
    }

    static AppRequest upload() {
        long expires = System.currentTimeMillis() / 1000 + 600;
        String path = "/uploads/notes.txt";
        String signature = SignedFloors.sign(SECRET, "PUT\n" + path + "\n" + expires);
        return AppRequest.of("PUT", path + "?expires=" + expires + "&signature=" + signature, Headers.of("host",
                "cdn.example", "content-type", "text/plain"), "twelve bytes".getBytes(StandardCharsets.UTF_8));
    }
}
