package dev.wedge.host.proxywasm;

/** The four points where a CDN app's filter runs, in order, with the hook each calls. */
public enum Phase {
    REQUEST_HEADERS("proxy_on_request_headers", "request-headers"),
    REQUEST_BODY("proxy_on_request_body", "request-body"),
    RESPONSE_HEADERS("proxy_on_response_headers", "response-headers"),
    RESPONSE_BODY("proxy_on_response_body", "response-body");

    private final String hook;
    private final String label;

    Phase(String hook, String label) {
        this.hook = hook;
        this.label = label;
    }

    public String hook() {
        return hook;
    }

    public String label() {
        return label;
    }

    public boolean isResponse() {
        return this == RESPONSE_HEADERS || this == RESPONSE_BODY;
    }
}
