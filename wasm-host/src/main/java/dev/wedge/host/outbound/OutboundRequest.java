package dev.wedge.host.outbound;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * One hop of an outbound call, ready to send: to {@code address}, the one the policy checked, whatever the name
 * would resolve to now.
 */
record OutboundRequest(String method, OutboundUrl url, InetAddress address, List<Map.Entry<String, String>> headers,
        byte[] body) {}
