package dev.wedge.host.proxywasm;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.GuestLog;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.StreamedBody;
import dev.wedge.host.proxywasm.CdnSettings.Mode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One request through a CDN app, across its phases (and, in FastEdge's model, its instances): the request as
 * the filter changes it, the origin's response as the filter changes it, a local response, custom properties,
 * and the filter's log lines. The runner drives it; the imports read and write it.
 */
public final class CdnExchange {

    /** A response the filter made itself ({@code proxy_send_local_response} or {@code proxy_close_stream}). */
    public record LocalResponse(int status, String details, HeaderMap headers, byte[] body) {}

    /** One {@code proxy_log} line. */

    /** Which limit a filter's body write passed, if any. */
    public enum Overflow { NONE, REQUEST_BODY, RESPONSE_BODY }

    private final Mode mode;
    private final String remoteAddress;
    private final Headers located; // the request as the node located its client: geoip-* headers
    private final long maxRequestBodyBytes;
    private final long maxResponseBodyBytes;
    private final HeaderMap requestHeaders;
    private final HeaderMap requestTrailers = new HeaderMap();
    private final HeaderMap responseTrailers = new HeaderMap();
    private byte[] requestBody;
    private int responseStatus;
    private HeaderMap responseHeaders = new HeaderMap();
    private byte[] responseBody = new byte[0];
    private LocalResponse local;
    private Phase phase = Phase.REQUEST_HEADERS;
    private final Map<String, byte[]> properties = new HashMap<>();
    private final Map<String, byte[]> phaseProperties = new HashMap<>();
    private final GuestLog log;
    private String userDiag;
    private String logField;
    private Overflow overflow = Overflow.NONE;
    private int calloutsMade;
    private StreamedBody streamed;
    private Upstream.Cached cached;

    public CdnExchange(AppRequest request, Mode mode, long maxRequestBodyBytes, long maxResponseBodyBytes,
            long maxLogBytes) {
        this.mode = mode;
        this.remoteAddress = request.remoteAddress();
        this.located = request.headers();
        this.maxRequestBodyBytes = maxRequestBodyBytes;
        this.maxResponseBodyBytes = maxResponseBodyBytes;
        this.log = new GuestLog(maxLogBytes);
        this.requestHeaders = requestHeaders(request);
        this.requestBody = request.body();
    }

    /** Envoy's pseudo-headers first (the request line as the filter may change it), then the client's headers. */
    private static HeaderMap requestHeaders(AppRequest request) {
        var map = new HeaderMap();
        String host = request.headers().get("host");
        String scheme = request.url().startsWith("https:") ? "https" : "http";
        map.add(":method", request.method());
        map.add(":scheme", scheme);
        map.add(":authority", host != null ? host : request.serverName());
        map.add(":path", request.path() + (request.query().isEmpty() ? "" : "?" + request.query()));
        request.headers().entries().forEach(entry -> map.add(entry.getKey(), entry.getValue()));
        return map;
    }

    public Mode mode() {
        return mode;
    }

    /** Envoy's "remove" deletes a header; FastEdge's leaves it with an empty value. */
    boolean removeDeletes() {
        return mode == Mode.ENVOY;
    }

    public Phase phase() {
        return phase;
    }

    /**
     * Enters a phase. In FastEdge's model custom properties set while the request headers were filtered do not
     * reach later phases (they ran on another server there).
     */
    public void enter(Phase next) {
        if (phase == Phase.REQUEST_HEADERS && next != Phase.REQUEST_HEADERS && mode == Mode.FASTEDGE) {
            phaseProperties.clear();
        } else if (phase == Phase.REQUEST_HEADERS && next != Phase.REQUEST_HEADERS) {
            properties.putAll(phaseProperties);
            phaseProperties.clear();
        }
        phase = next;
    }

    String remoteAddress() {
        return remoteAddress;
    }

    /** A header the node set about the client before any filter ran ({@code geoip-country-code}, ...); or null. */
    String clientHeader(String name) {
        return located.get(name);
    }

    public HeaderMap requestHeaders() {
        return requestHeaders;
    }

    HeaderMap requestTrailers() {
        return requestTrailers;
    }

    HeaderMap responseTrailers() {
        return responseTrailers;
    }

    /** A pseudo-header of the request, e.g. {@code :path}; empty when the filter removed it. */
    public String pseudo(String name) {
        String value = requestHeaders.get(name);
        return value == null ? "" : value;
    }

    public byte[] requestBody() {
        return requestBody;
    }

    /** Replaces the request body; false (and no change) past the app's request limit. */
    boolean requestBody(byte[] body) {
        if (body.length > maxRequestBodyBytes) {
            overflow = Overflow.REQUEST_BODY;
            return false;
        }
        requestBody = body;
        return true;
    }

    /** The origin's answer: from now on the response maps and body are the origin's, as the filter changes them. */
    public void originResponded(int status, Headers headers, byte[] body, StreamedBody streamed) {
        this.streamed = streamed;
        responseStatus = status;
        HeaderMap fromRequestPhase = responseHeaders; // FastEdge keeps what onRequestHeaders added to the response
        responseHeaders = new HeaderMap();
        responseHeaders.add(":status", Integer.toString(status));
        headers.entries().forEach(entry -> responseHeaders.add(entry.getKey(), entry.getValue()));
        fromRequestPhase.pairs().forEach(pair -> responseHeaders.add(pair.getKey(), pair.getValue()));
        responseBody = body;
    }

    /** The origin's body still arriving (no filter reads it), or null. */
    public StreamedBody streamed() {
        return streamed;
    }

    /** What the site's cache wants to hear of the response phases, or null ({@link Upstream.Cached}). */
    public Upstream.Cached cached() {
        return cached;
    }

    public void cached(Upstream.Cached value) {
        cached = value;
    }

    public int responseStatus() {
        return responseStatus;
    }

    public HeaderMap responseHeaders() {
        return responseHeaders;
    }

    public byte[] responseBody() {
        return responseBody;
    }

    boolean responseBody(byte[] body) {
        if (body.length > maxResponseBodyBytes) {
            overflow = Overflow.RESPONSE_BODY;
            return false;
        }
        responseBody = body;
        return true;
    }

    public long maxResponseBodyBytes() {
        return maxResponseBodyBytes;
    }

    public Overflow overflow() {
        return overflow;
    }

    public LocalResponse local() {
        return local;
    }

    void local(LocalResponse response) {
        local = response;
    }

    /** A custom property, or null. */
    byte[] property(String path) {
        byte[] value = phaseProperties.get(path);
        return value != null ? value : properties.get(path);
    }

    /** A custom property set before any filter runs, kept in every phase of either model. */
    public void preset(String path, String value) {
        properties.put(path, value.getBytes(StandardCharsets.UTF_8));
    }

    void property(String path, byte[] value) {
        (phase == Phase.REQUEST_HEADERS ? phaseProperties : properties).put(path, value);
    }

    void log(int level, String text) {
        log.add(level, text);
    }

    /** What the filter logged in this request. */
    public GuestLog log() {
        return log;
    }

    public String userDiag() {
        return userDiag;
    }

    void userDiag(String value) {
        userDiag = value;
    }

    public String logField() {
        return logField;
    }

    void logField(String value) {
        logField = value;
    }

    /** Counts a callout against the request's cap; false once it is spent. */
    boolean takeCallout(int cap) {
        if (calloutsMade >= cap) {
            return false;
        }
        calloutsMade++;
        return true;
    }
}
