package dev.wedge.host.run;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.DeadlineExceeded;
import dev.wedge.host.abi.HostWait;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.proxywasm.Callout;
import dev.wedge.host.proxywasm.CdnExchange;
import dev.wedge.host.proxywasm.HeaderMap;
import dev.wedge.host.proxywasm.Upstream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The requests a CDN run sends: to its origin, with what the filters changed, and their callouts, each to a
 * destination the outbound address policy allows. The worker thread waits for each (no filter runs meanwhile),
 * never past the given deadline; the wait is credited back to the run ({@code HostWait}).
 */
final class OriginCalls {

    /** Not forwarded to the origin: hop-by-hop headers, and Host (set from {@code :authority}). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "te", "trailer", "proxy-connection", "host", "expect");

    private final Upstream upstream;

    OriginCalls(Upstream upstream) {
        this.upstream = upstream;
    }

    /**
     * The origin's response, given to {@code exchange}; or the node's answer when there is none. The plan's URLs
     * are tried in order: the next one only when the previous could not be reached (refused, unreachable, reset
     * before an answer, its connect timeout); an origin that answered, even 5xx, is the answer, and a read
     * timeout or an oversized body ends the request (retrying could send a non-idempotent request twice).
     * With {@code stream} the body is left to stream to the client (no filter reads it), unbounded.
     */
    AppResponse fetch(OriginPlan plan, CdnExchange exchange, Duration timeout, RunDeadline deadline,
            boolean stream) {
        if (plan.urls().isEmpty()) {
            return NodeAnswer.ORIGIN_FAILED.respond("the app has no origin (setting origin, or --origin) and its "
                    + "filter did not answer the request itself");
        }
        Headers headers = forwarded(plan, exchange);
        String path = path(exchange);
        String method = method(exchange);
        String failures = "";
        for (URI origin : plan.urls()) {
            var request = new Upstream.Request(method, target(origin, path), headers, exchange.requestBody(),
                    timeout, exchange.maxResponseBodyBytes(), plan.connectTimeout(), null, plan.pool());
            try {
                request = request.pinned(Destinations.check(request.url(), plan.policy()));
                Upstream.Response response = HostWait.await(stream ? upstream.open(request) : upstream.send(request),
                        timeout, deadline);
                exchange.originResponded(response.status(), response.headers(), response.body(),
                        response.streamed());
                exchange.cached(response.cached());
                return null;
            } catch (DeadlineExceeded | AbiException e) {
                return NodeAnswer.ORIGIN_TIMEOUT.respond("the origin did not answer within " + timeout.toMillis()
                        + " ms");
            } catch (Upstream.TooLarge e) {
                return NodeAnswer.ORIGIN_FAILED.respond("the origin's response is larger than the app's limit");
            } catch (Destinations.Refused e) {
                return NodeAnswer.ORIGIN_FAILED.respond("the origin may not be reached: " + e.getMessage());
            } catch (RuntimeException e) { // not reached: the next URL, if any
                failures += (failures.isEmpty() ? "" : "; ") + origin + ": " + e.getMessage();
            }
        }
        return NodeAnswer.ORIGIN_FAILED.respond("the origin could not be reached: " + failures);
    }

    /** The request's headers as the filters left them, as an origin gets them. */
    static Headers forwarded(OriginPlan plan, CdnExchange exchange) {
        var headers = new Headers();
        for (Map.Entry<String, String> pair : exchange.requestHeaders().pairs()) {
            String name = pair.getKey();
            if (!name.startsWith(":") && !HOP_BY_HOP.contains(name) && !stripped(name)) {
                headers.add(name, pair.getValue());
            }
        }
        headers.add("host", plan.hostHeader() != null ? plan.hostHeader() : exchange.pseudo(":authority"));
        return headers;
    }

    /** The path and query as the filters left them. */
    static String path(CdnExchange exchange) {
        return exchange.pseudo(":path").isEmpty() ? "/" : exchange.pseudo(":path");
    }

    static String method(CdnExchange exchange) {
        return exchange.pseudo(":method").isEmpty() ? "GET" : exchange.pseudo(":method");
    }

    private static URI target(URI origin, String path) {
        String base = origin.getRawPath() == null || origin.getRawPath().equals("/") ? "" : origin.getRawPath();
        return URI.create(origin.getScheme() + "://" + origin.getRawAuthority() + base + path);
    }

    /** FastEdge strips these before the origin; they are the CDN's own. */
    private static boolean stripped(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("x-cdn-") || lower.startsWith("x-gcdn-");
    }

    /**
     * A callout's answer; {@link Callout.Answer#FAILED} when it failed in any way (the filter is told so), a
     * destination the app's outbound policy refuses included.
     */
    Callout.Answer call(Callout callout, RunDeadline deadline, AddressPolicy policy) {
        try {
            Upstream.Request request = callout.request();
            request = request.pinned(Destinations.check(request.url(), policy));
            Upstream.Response response = HostWait.await(upstream.send(request), callout.timeout(), deadline);
            var headers = new HeaderMap();
            headers.add(":status", Integer.toString(response.status()));
            response.headers().entries().forEach(entry -> headers.add(entry.getKey(), entry.getValue()));
            return new Callout.Answer(headers, response.body(), new HeaderMap());
        } catch (DeadlineExceeded e) {
            throw e;
        } catch (RuntimeException e) {
            return Callout.Answer.FAILED;
        }
    }
}
