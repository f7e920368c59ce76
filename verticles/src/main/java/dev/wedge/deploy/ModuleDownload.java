package dev.wedge.deploy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;

/** Fetches a module a deploy names by URL, refusing more than the module size cap while it streams in. */
final class ModuleDownload {

    private final HttpClient client;
    private final long maxBytes;
    private final Duration timeout;

    ModuleDownload(HttpClient client, long maxBytes, Duration timeout) {
        this.client = client;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    Future<byte[]> fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(DeployException.badRequest("bad-module-url", "module-url is not a URL: " + url));
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            return Future.failedFuture(DeployException.badRequest("bad-module-url",
                    "module-url must be an absolute http or https URL, not " + url));
        }
        var options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis());
        return client.request(options)
                .compose(request -> request.send())
                .compose(this::body)
                .recover(failure -> Future.failedFuture(failure instanceof DeployException ? failure
                        : new DeployException(502, "download-failed",
                                "could not download " + url + ": " + failure.getMessage())));
    }

    private Future<byte[]> body(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture(new DeployException(502, "download-failed",
                    "module-url answered " + response.statusCode() + ", expected 200"));
        }
        Promise<byte[]> done = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                response.handler(null);
                done.tryFail(tooLarge(maxBytes)); // before the reset, whose own error would come first
                response.request().reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(end -> done.tryComplete(body.getBytes()));
        return done.future();
    }

    static DeployException tooLarge(long maxBytes) {
        return new DeployException(413, "module-too-large", "the module is larger than the cap of " + maxBytes
                + " bytes (deploy: max-module-mb)");
    }
}
