package dev.wedge.host.run;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.NodeAnswer;
import dev.wedge.host.proxywasm.CdnExchange;

/**
 * A site's origin that is a wedge http (or wagi) app: after the request phases the request, as the filters left
 * it, runs that app in-process on the same worker (no network, no second admission), under the app's own limits,
 * metrics and log. Its answer, a node answer included (a 532 with its {@code X-Wedge-Error}), is the origin's
 * response the response phases see.
 */
final class AppOrigin {

    private AppOrigin() {}

    /**
     * @param stream whether no filter reads the response body (else it is bounded as an origin's would be)
     * @return null once the exchange has the origin's response; else the request's answer
     */
    static AppResponse fetch(App app, OriginPlan plan, CdnExchange exchange, AppRequest received,
            Cancellation cancellation, boolean stream) {
        String target = OriginCalls.path(exchange);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        var headers = OriginCalls.forwarded(plan, exchange);
        String scheme = received.url().startsWith("https:") ? "https" : "http";
        var request = new AppRequest(OriginCalls.method(exchange), scheme + "://" + headers.get("host") + target,
                path, q < 0 ? "" : target.substring(q + 1), headers, exchange.requestBody(), received.remoteAddress(),
                received.serverName(), received.serverPort(), "");
        AppResponse response = app.handle(request, cancellation);
        if (NodeAnswer.CLIENT_GONE.reason().equals(response.error())) {
            return response;
        }
        if (!stream && response.body().length > exchange.maxResponseBodyBytes()) {
            return NodeAnswer.ORIGIN_FAILED.respond("the origin app's response is larger than the app's limit");
        }
        exchange.originResponded(response.status(), response.headers(), response.body(), response.streamed());
        return null;
    }
}
