package dev.wedge.host.outbound;

import dev.wedge.host.http.Headers;
import dev.wedge.host.net.Pinned;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The node's outbound HTTP: keep-alive connection pools shared by all its apps (HTTP/1.1 for {@code http}; for
 * {@code https}, HTTP/2 where the origin offers it by ALPN, else HTTP/1.1), trusting the JDK's trust store plus
 * any certificates the node adds, and the resolver the policy checks names with. Non-blocking: a guest's worker
 * waits on the futures ({@code abi/HostWait}), never an event loop. One per node, reached through
 * {@code scope.node()}.
 */
public final class OutboundClient {

    /** Connections kept per origin address for HTTP/1.1, and HTTP/2 connections per origin. */
    public static final int POOL_PER_ORIGIN = 64;
    private static final int LOOKUP_THREADS = 4;

    private final Vertx vertx;
    private final HttpClientAgent plain;
    private final HttpClientAgent secure;
    private final Resolver resolver;
    private final WorkerExecutor lookups;

    private OutboundClient(Vertx vertx, HttpClientAgent plain, HttpClientAgent secure, Resolver resolver,
            WorkerExecutor lookups) {
        this.vertx = vertx;
        this.plain = plain;
        this.secure = secure;
        this.resolver = resolver;
        this.lookups = lookups;
    }

    /** The node's client: the system resolver and the JDK's trust store. */
    public static OutboundClient create(Vertx vertx) {
        WorkerExecutor lookups = vertx.createSharedWorkerExecutor("wedge-outbound-dns", LOOKUP_THREADS);
        return create(vertx, List.of(), Resolver.system(lookups), lookups);
    }

    /**
     * @param trust PEM files of certificates trusted besides the JDK's (a test's own CA)
     * @param resolver how names are looked up
     */
    public static OutboundClient create(Vertx vertx, List<Path> trust, Resolver resolver) {
        return create(vertx, trust, resolver, null);
    }

    private static OutboundClient create(Vertx vertx, List<Path> trust, Resolver resolver, WorkerExecutor lookups) {
        var pool = new PoolOptions().setHttp1MaxSize(POOL_PER_ORIGIN).setHttp2MaxSize(POOL_PER_ORIGIN);
        var plainOptions = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true);
        var secureOptions = new HttpClientOptions().setSsl(true).setUseAlpn(true)
                .setProtocolVersion(HttpVersion.HTTP_2).setKeepAlive(true);
        if (!trust.isEmpty()) {
            secureOptions.setTrustOptions(trustOptions(trust));
        }
        return new OutboundClient(vertx, vertx.httpClientBuilder().with(plainOptions).with(pool).build(),
                vertx.httpClientBuilder().with(secureOptions).with(pool).build(), resolver, lookups);
    }

    Future<List<InetAddress>> resolve(String host) {
        return resolver.resolve(host);
    }

    /** Sends one hop and buffers its response, refusing a body past {@code maxBytes}. */
    Transfer send(OutboundRequest request, long maxBytes, Duration timeout) {
        OutboundUrl url = request.url();
        var options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
                .setHost(url.host()).setPort(url.port()).setURI(url.target()).setSsl(url.https())
                .setServer(Pinned.address(request.address(), url.port()))
                .setFollowRedirects(false).setConnectTimeout(timeout.toMillis());
        for (Map.Entry<String, String> header : request.headers()) {
            options.addHeader(header.getKey(), header.getValue());
        }
        var transfer = new Transfer();
        Promise<Fetched> outcome = Promise.promise();
        transfer.outcome = outcome.future();
        // Started on an event loop, so that the response's handlers are set in the same turn its head arrives:
        // chained from the guest's thread, a small body could be over before they were.
        vertx.getOrCreateContext().runOnContext(start -> (url.https() ? secure : plain).request(options)
                .compose(sent -> transfer.started(sent) ? sent.send(Buffer.buffer(request.body()))
                        : Future.failedFuture("the call was given up"))
                .compose(response -> read(response, maxBytes))
                .onComplete(outcome));
        return transfer;
    }

    private static Future<Fetched> read(HttpClientResponse response, long maxBytes) {
        String declared = response.getHeader("content-length");
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                && Long.parseLong(declared) > maxBytes) {
            response.request().reset();
            return Future.failedFuture(new ResponseTooLarge(maxBytes));
        }
        Promise<Fetched> done = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + (long) chunk.length() > maxBytes) {
                response.handler(null);
                done.tryFail(new ResponseTooLarge(maxBytes)); // before the reset, whose own error would come first
                response.request().reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(end -> {
            var headers = new Headers();
            response.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
            done.tryComplete(new Fetched(response.statusCode(), headers, body.getBytes()));
        });
        return done.future();
    }

    public Future<Void> close() {
        if (lookups != null) {
            lookups.close();
        }
        return Future.join(plain.close(), secure.close()).mapEmpty();
    }

    /** One hop in flight: its outcome, and its request once there is one, to give up on a timeout. */
    static final class Transfer {

        private Future<Fetched> outcome;
        private HttpClientRequest request; // guarded by this
        private boolean cancelled; // guarded by this

        Future<Fetched> outcome() {
            return outcome;
        }

        private synchronized boolean started(HttpClientRequest sent) {
            request = sent;
            return !cancelled;
        }

        /** Resets the request (its connection is not reused), or makes it never start. */
        void cancel() {
            HttpClientRequest sent;
            synchronized (this) {
                cancelled = true;
                sent = request;
            }
            if (sent != null) {
                sent.reset();
            }
        }
    }

    /** The JDK's trusted certificates plus those of the PEM files. */
    private static TrustOptions trustOptions(List<Path> pemFiles) {
        try {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            var defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int n = 0;
            for (TrustManager manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, issuer);
                    }
                }
            }
            var factory = CertificateFactory.getInstance("X.509");
            for (Path file : pemFiles) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate certificate : factory.generateCertificates(in)) {
                        store.setCertificateEntry("added-" + n++, certificate);
                    }
                }
            }
            var combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            combined.init(store);
            return TrustOptions.wrap(combined);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trusted certificates " + pemFiles + ": " + e, e);
        }
    }
}
