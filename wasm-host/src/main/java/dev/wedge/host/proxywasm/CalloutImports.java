package dev.wedge.host.proxywasm;

import static dev.wedge.host.abi.AbiFunction.proxy;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import dev.wedge.host.http.Headers;
import dev.wedge.host.outbound.OutboundCapability;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code proxy_http_call} and {@code proxy_get_status}. The call is only recorded here: the runner makes it once
 * the hook returns, waits for it, and delivers the answer through {@code proxy_on_http_call_response}.
 */
final class CalloutImports {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> DROPPED = Set.of("host", "content-length", "transfer-encoding", "connection");

    private CalloutImports() {}

    static List<AbiFunction<FilterContext>> functions() {
        return List.of(
                proxy("proxy_http_call", 10, CalloutImports::httpCall),
                proxy("proxy_get_status", 3, (FilterContext context, HostCall call) -> {
                    call.check(call.u32(0), 4);
                    call.check(call.u32(1), 4);
                    call.check(call.u32(2), 4);
                    Callout.Answer answer = context.answer();
                    if (answer == null || answer.failed()) {
                        return ProxyStatus.NOT_FOUND;
                    }
                    String status = answer.headers().get(":status");
                    call.writeU32(call.u32(0), status == null ? 0 : Integer.parseInt(status));
                    return Values.give(context, call, new byte[0], 1, 2);
                }));
    }

    private static int httpCall(FilterContext context, HostCall call) {
        String upstream = new String(call.bytes(0, 1), StandardCharsets.UTF_8);
        HeaderMap headers;
        try {
            headers = HeaderMap.parse(call.bytes(2, 3));
        } catch (IllegalArgumentException e) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        byte[] body = call.bytes(4, 5);
        call.bytes(6, 7); // trailers: checked, not sent (HTTP/1.1 requests here carry none)
        long timeoutMillis = call.u32(8);
        call.check(call.u32(9), 4);
        CdnExchange exchange = context.exchange();
        if (context.hasPending() || !HeaderChecks.valid(headers)) {
            return ProxyStatus.BAD_ARGUMENT; // one callout at a time
        }
        URI url = url(upstream, headers);
        if (url == null) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        // the app's outbound.max-requests (FastEdge Basic's 5 by default): callouts are its sub-requests too
        int allowed = context.scope().app().settings().get(OutboundCapability.SETTINGS).maxRequests();
        if (!exchange.takeCallout(allowed)) {
            return ProxyStatus.INTERNAL_FAILURE; // the request's callouts are spent
        }
        var sent = new Headers();
        for (Map.Entry<String, String> pair : headers.pairs()) {
            if (!pair.getKey().startsWith(":") && !DROPPED.contains(pair.getKey())) {
                sent.add(pair.getKey(), pair.getValue());
            }
        }
        String authority = headers.get(":authority");
        sent.add("host", authority != null && !authority.isEmpty() ? authority : url.getRawAuthority());
        String method = headers.get(":method");
        Duration timeout = timeoutMillis == 0 ? DEFAULT_TIMEOUT : Duration.ofMillis(timeoutMillis);
        int token = context.request(new Upstream.Request(method == null ? "GET" : method, url, sent, body, timeout,
                exchange.maxResponseBodyBytes()));
        call.writeU32(call.u32(9), token);
        return ProxyStatus.OK;
    }

    /**
     * Where the call goes: the upstream when it is a URL, else {@code :scheme://upstream:path} (the upstream
     * being a host with an optional port, as FastEdge's SDK examples pass it), else null.
     */
    static URI url(String upstream, HeaderMap headers) {
        String scheme = headers.get(":scheme");
        String path = headers.get(":path");
        try {
            URI base = upstream.contains("://") ? new URI(upstream)
                    : new URI((scheme == null || scheme.isEmpty() ? "http" : scheme) + "://" + upstream);
            String s = base.getScheme() == null ? "" : base.getScheme();
            if (base.getHost() == null || !s.equals("http") && !s.equals("https")) {
                return null;
            }
            String target = path == null || path.isEmpty() ? (base.getRawPath().isEmpty() ? "/" : base.getRawPath())
                    : path;
            return new URI(s + "://" + base.getRawAuthority() + (target.startsWith("/") ? target : "/" + target));
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
