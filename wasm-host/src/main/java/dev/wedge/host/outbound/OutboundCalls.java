package dev.wedge.host.outbound;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.GuestStop;
import dev.wedge.host.abi.HostWait;
import dev.wedge.host.abi.Status;
import dev.wedge.host.capability.Scope;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request's outbound calls: how many it made, the responses it holds (a handle is an index), and the one way
 * a call is made: the URL checked, the host against the app's allow-list, every address the name has against
 * the address policy, the connection made to the checked address, and each redirect hop checked again. Runs on
 * the guest's worker, which waits on the client's futures; the waits are credited back to the run's deadline.
 */
final class OutboundCalls {

    /** Headers the client writes itself, and hop-by-hop ones: an app's values for them are dropped. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "http2-settings");
    /** Headers not sent on to another origin after a redirect. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    private final OutboundSettings settings;
    private final OutboundClient client;
    private final Scope scope;
    private final List<Fetched> responses = new ArrayList<>();
    private int calls;

    OutboundCalls(OutboundSettings settings, OutboundClient client, Scope scope) {
        this.settings = settings;
        this.client = client;
        this.scope = scope;
    }

    /** Makes one call; returns the handle of its response, or throws the status that tells the app why not. */
    int send(String method, String url, List<Map.Entry<String, String>> headers, byte[] body) {
        long started = System.nanoTime();
        String host = "-";
        String outcome = "ok";
        try {
            if (client == null) {
                throw new AbiException(Status.UNAVAILABLE, "this host makes no outbound calls");
            }
            if (calls >= settings.maxRequests()) {
                throw new AbiException(Status.TOO_MANY_REQUESTS, "the request already made its "
                        + settings.maxRequests() + " outbound calls (outbound.max-requests)");
            }
            calls++;
            OutboundUrl target;
            try {
                target = OutboundUrl.parse(url);
            } catch (AbiException e) {
                throw new AbiException(Status.INVALID_URL, "invalid URL: " + e.getMessage());
            }
            host = target.host();
            responses.add(fetch(method, target, outgoing(headers), body, started + settings.timeout().toNanos()));
            return responses.size() - 1;
        } catch (AbiException e) {
            outcome = Status.values()[e.code()].name().toLowerCase(Locale.ROOT).replace('_', '-');
            scope.hostLog("outbound " + method + " " + shown(url) + ": " + outcome + ": " + e.getMessage());
            throw e;
        } catch (GuestStop e) { // the run's deadline or cancellation: the guest is being stopped
            outcome = "stopped";
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            scope.node().listener().outboundCall(scope.app().name(), host, outcome, System.nanoTime() - started);
        }
    }

    Fetched response(int handle) {
        if (handle < 0 || handle >= responses.size()) {
            throw new AbiException(Status.BAD_ARGUMENT, "no response with handle " + handle);
        }
        return responses.get(handle);
    }

    /** The app's headers without those the client sets, then the inbound headers the app's config propagates. */
    private List<Map.Entry<String, String>> outgoing(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> sent = new ArrayList<>();
        headers.stream().filter(header -> !CLIENT_HEADERS.contains(header.getKey())).forEach(sent::add);
        for (Map.Entry<String, String> inbound : scope.inboundHeaders()) {
            if (settings.propagateHeaders().contains(inbound.getKey()) && !CLIENT_HEADERS.contains(inbound.getKey())
                    && sent.stream().noneMatch(header -> header.getKey().equals(inbound.getKey()))) {
                sent.add(inbound);
            }
        }
        return sent;
    }

    /** Follows redirects up to the app's limit, checking every hop; past it, the app gets the 3xx. */
    private Fetched fetch(String method, OutboundUrl url, List<Map.Entry<String, String>> headers, byte[] body,
            long until) {
        for (int hop = 0;; hop++) {
            InetAddress address = destination(url, until);
            Fetched response = exchange(new OutboundRequest(method, url, address, headers, body), until);
            String location = response.headers().get("location");
            if (!isRedirect(response.status()) || location == null || hop >= settings.maxRedirects()) {
                return response;
            }
            OutboundUrl next = url.resolve(location);
            if (response.status() == 303 || (response.status() <= 302 && !method.equals("HEAD"))) {
                method = method.equals("HEAD") ? "HEAD" : "GET"; // as browsers do; 307 and 308 keep both
                body = new byte[0];
            }
            if (!next.sameOrigin(url)) {
                headers = headers.stream().filter(header -> !CREDENTIALS.contains(header.getKey())).toList();
            }
            url = next;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The address to connect to: the host allowed by the app, and every address it has allowed by the policy. */
    private InetAddress destination(OutboundUrl url, long until) {
        if (!settings.allowsHost(url.host())) {
            throw refused(url.host() + " is not in the app's outbound.allow-hosts");
        }
        if (url.literal() != null) {
            if (!settings.policy().permits(url.literal())) {
                throw refused(url.literal().getHostAddress() + " is not a public address");
            }
            return url.literal();
        }
        if (!settings.policy().permitsName(url.host())) {
            throw refused(url.host() + " names the node or its metadata service");
        }
        List<InetAddress> addresses;
        try {
            addresses = await(client.resolve(url.host()), until);
        } catch (AbiException | GuestStop e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AbiException(Status.REQUEST_ERROR, url.host() + " does not resolve"
                    + (e.getCause() instanceof UnknownHostException ? "" : ": " + e.getMessage()));
        }
        if (addresses.isEmpty()) {
            throw new AbiException(Status.REQUEST_ERROR, url.host() + " does not resolve");
        }
        if (!settings.policy().allowsByName(url.host())) {
            for (InetAddress address : addresses) { // one private address among public ones refuses the name
                if (!settings.policy().permits(address)) {
                    throw refused(url.host() + " resolves to " + address.getHostAddress()
                            + ", which is not a public address");
                }
            }
        }
        return addresses.get(0);
    }

    private Fetched exchange(OutboundRequest request, long until) {
        OutboundClient.Transfer transfer = client.send(request, settings.maxResponseBytes(),
                Duration.ofNanos(Math.max(1, until - System.nanoTime())));
        try {
            return await(transfer.outcome(), until);
        } catch (AbiException | GuestStop e) { // a timeout, or the run being stopped: give the hop up
            transfer.cancel();
            throw e;
        } catch (ResponseTooLarge e) {
            throw new AbiException(Status.RESPONSE_TOO_LARGE, e.getMessage());
        } catch (RuntimeException e) {
            transfer.cancel();
            Throwable cause = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
            throw new AbiException(Status.REQUEST_ERROR, request.url().shown() + ": " + cause);
        }
    }

    /** Waits within the call's timeout and the run's wall-clock cap; the run is charged nothing for it. */
    private <T> T await(Future<T> future, long until) {
        long left = until - System.nanoTime();
        if (left <= 0) {
            throw timeout();
        }
        try {
            return HostWait.await(future, Duration.ofNanos(left), scope.deadline());
        } catch (AbiException e) {
            throw e.code() == Status.TIMEOUT.code() ? timeout() : e;
        }
    }

    private AbiException timeout() {
        return new AbiException(Status.TIMEOUT, "no answer within outbound.timeout-ms ("
                + settings.timeout().toMillis() + " ms)");
    }

    private static AbiException refused(String why) {
        return new AbiException(Status.DESTINATION_NOT_ALLOWED, why);
    }

    /** A URL for the log: without its query, which often carries tokens. */
    private static String shown(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            cut = at >= 0 ? Math.min(cut, at) : cut;
        }
        return url.substring(0, Math.min(cut, 200));
    }
}
