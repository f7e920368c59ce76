package dev.wedge.server;

import dev.wedge.cache.CacheSettings;
import dev.wedge.cache.Reply;
import dev.wedge.cache.SiteCache;
import dev.wedge.host.http.HeaderRules;
import dev.wedge.host.http.HttpSettings;
import dev.wedge.host.proxywasm.Phase;
import dev.wedge.host.run.App;
import dev.wedge.host.run.CdnChain;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Fresh cache hits answered on the event loop, before a worker is asked for: for a site whose request no app
 * filters (no request-phase hook) and whose stored answers need none to run again (no response-phase hook, or
 * {@code response-apps: before-store}), a hit is bytes in memory, and handing it to a worker and back would cost
 * more than the answer. Anything else (a miss, a stale entry, a request with a body) goes the usual way.
 */
final class CacheHits {

    private static final List<Phase> REQUEST_PHASES = List.of(Phase.REQUEST_HEADERS, Phase.REQUEST_BODY);
    private static final List<Phase> RESPONSE_PHASES = List.of(Phase.RESPONSE_HEADERS, Phase.RESPONSE_BODY);

    private CacheHits() {}

    /** The site's cache when its fresh hits may skip the chain here, else null. */
    static SiteCache of(CdnChain chain, HttpServerRequest request) {
        if (chain.originApp() != null || !(chain.originUpstream() instanceof CachedOrigin cached)
                || hasBody(request) || hooked(chain, REQUEST_PHASES)) {
            return null;
        }
        SiteCache cache = cached.cache();
        boolean settled = cache.settings().responseApps() == CacheSettings.ResponseApps.BEFORE_STORE;
        return settled || !hooked(chain, RESPONSE_PHASES) ? cache : null;
    }

    /**
     * Answers {@code request} from the cache if it holds a fresh entry for it: true when it did. The request is
     * keyed as the origin would be asked (the site's Host header, the origin's base path), since no app changed it.
     */
    static Future<Boolean> answer(SiteCache cache, CdnChain chain, HttpServerRequest request, String requestHost,
            HttpSettings appHeaders) {
        String host = chain.origin().hostHeader() != null ? chain.origin().hostHeader() : requestHost;
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers()).set("host", host);
        String target = basePath(chain.origin().urls()) + request.uri();
        var asked = new SiteCache.Request(request.method().name(), host, target, headers, true, Duration.ZERO);
        return cache.freshHit(asked).map(reply -> {
            if (reply == null || request.response().closed()) {
                return reply != null;
            }
            write(request.response(), reply, request.method().name().equals("HEAD"), appHeaders);
            return true;
        });
    }

    private static void write(HttpServerResponse out, Reply reply, boolean head, HttpSettings appHeaders) {
        out.setStatusCode(reply.status()).setStatusMessage(StatusText.of(reply.status()));
        out.headers().clear();
        reply.headers().forEach(header -> {
            if (!HeaderRules.FRAMING.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                out.headers().add(header.getKey(), header.getValue());
            }
        });
        appHeaders.addTo(name -> out.headers().contains(name), out::putHeader);
        if (head) {
            out.putHeader("content-length", Integer.toString(reply.body().length)).end();
        } else {
            out.end(Buffer.buffer(reply.body()));
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("content-length");
        return request.getHeader("transfer-encoding") != null || length != null && !length.strip().equals("0");
    }

    private static boolean hooked(CdnChain chain, List<Phase> phases) {
        for (Phase phase : phases) {
            App app = chain.app(phase);
            if (app != null && app.info().exports(phase.hook())) {
                return true;
            }
        }
        return false;
    }

    private static String basePath(List<URI> urls) {
        String base = urls.isEmpty() ? null : urls.get(0).getRawPath();
        return base == null || base.equals("/") ? "" : base;
    }
}
