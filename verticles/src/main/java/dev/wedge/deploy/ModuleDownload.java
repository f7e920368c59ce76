package dev.wedge.deploy;

import dev.wedge.config.DeployConfig;
import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.net.Pinned;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Fetches a module a deploy names by URL: only from an address the {@link AddressPolicy} permits (checked once the
 * name is resolved, and then connected to exactly, so a second lookup cannot answer otherwise), without following
 * redirects (each hop would need the same check), within the module size cap and an overall deadline. Answers
 * and messages show the URL only {@linkplain ModuleUrl#redact redacted}.
 */
final class ModuleDownload {

    private final Vertx vertx;
    private final HttpClient client;
    private final long maxBytes;
    private final long deadlineMillis;
    private final AddressPolicy policy;

    ModuleDownload(Vertx vertx, HttpClient client, DeployConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.maxBytes = config.maxModuleBytes();
        this.deadlineMillis = config.downloadTimeout().toMillis();
        this.policy = new AddressPolicy(config.moduleUrlAllow());
    }

    /** Call on an event loop: the deadline's timer and the download share it. */
    Future<byte[]> fetch(String text) {
        ModuleUrl url;
        try {
            url = ModuleUrl.parse(text);
        } catch (DeployException e) {
            return Future.failedFuture(e);
        }
        return new Transfer(url).start();
    }

    /** One download: its outcome, and its request once there is one, for the deadline to cut off. */
    private final class Transfer {

        private final ModuleUrl url;
        private final Promise<byte[]> outcome = Promise.promise();
        private HttpClientRequest request;

        Transfer(ModuleUrl url) {
            this.url = url;
        }

        Future<byte[]> start() {
            long deadline = vertx.setTimer(deadlineMillis, fired -> expire());
            vertx.executeBlocking(this::address, false)
                    .compose(address -> client.request(options(address)))
                    .compose(this::send)
                    .compose(this::body)
                    .onComplete(result -> {
                        vertx.cancelTimer(deadline);
                        if (result.succeeded()) {
                            outcome.tryComplete(result.result());
                        } else {
                            outcome.tryFail(explained(result.cause()));
                        }
                    });
            return outcome.future();
        }

        /**
         * Resolves the host (blocking: on a worker thread) and checks every address it has, so a name cannot hide
         * a private address among public ones. The refusal reads the same whether or not anything listens there:
         * nothing was connected to, so it tells nothing about the target's ports.
         */
        private InetAddress address() {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(url.hostToResolve());
            } catch (UnknownHostException e) {
                throw new DeployException(502, "download-failed", "module-url host " + url.host()
                        + " does not resolve");
            }
            for (InetAddress address : addresses) {
                if (!policy.permits(address)) {
                    throw new DeployException(403, "module-url-forbidden", "module-url " + url.shown()
                            + " is refused: its host is not a public address (loopback, private, link-local, "
                            + "reserved or the node's own); deploy.module-url-allow lists those a node may reach");
                }
            }
            return addresses[0];
        }

        private RequestOptions options(InetAddress address) {
            var options = new RequestOptions().setMethod(HttpMethod.GET).setSsl(url.https())
                    .setHost(url.hostToResolve()).setPort(url.port()).setURI(url.target())
                    .setServer(Pinned.address(address, url.port()))
                    .setFollowRedirects(false).setConnectTimeout(deadlineMillis);
            String authorization = url.basicAuthorization();
            return authorization == null ? options : options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }

        private Future<HttpClientResponse> send(HttpClientRequest sent) {
            request = sent;
            if (outcome.future().isComplete()) { // the deadline passed while connecting
                sent.reset();
                return Future.failedFuture("the download was cut off");
            }
            return sent.send();
        }

        private Future<byte[]> body(HttpClientResponse response) {
            int status = response.statusCode();
            if (status != 200) {
                response.exceptionHandler(reset -> { }); // the reset's own error, expected
                response.request().reset(); // its body is of no use: not read, the connection closed
                return Future.failedFuture(new DeployException(502, "download-failed", "module-url " + url.shown()
                        + " answered " + status + (status >= 300 && status < 400
                                ? ", a redirect: the node follows none, give it the final URL"
                                : ", expected 200")));
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

        private void expire() {
            if (outcome.tryFail(new DeployException(504, "download-failed", "module-url " + url.shown()
                    + " did not deliver the module within " + deadlineMillis + " ms (deploy.download-timeout-ms)"))
                    && request != null) {
                request.reset();
            }
        }

        private DeployException explained(Throwable failure) {
            return failure instanceof DeployException refused ? refused
                    : new DeployException(502, "download-failed", "could not download " + url.shown() + ": "
                            + failure.getMessage());
        }
    }

    static DeployException tooLarge(long maxBytes) {
        return new DeployException(413, "module-too-large", "the module is larger than the cap of " + maxBytes
                + " bytes (deploy: max-module-mb)");
    }
}
