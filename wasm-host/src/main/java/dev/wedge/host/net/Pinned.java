package dev.wedge.host.net;

import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;

/**
 * The address a Vert.x client connects to when the policy checked it: an IP literal, which Vert.x does not look
 * up. (A {@code SocketAddress} made from a named {@code InetSocketAddress} keeps the name, and Vert.x resolves it
 * again: a second lookup that DNS rebinding could answer differently.) The name goes in the request's host, for
 * the {@code Host} header, SNI and the certificate check.
 */
public final class Pinned {

    private Pinned() {}

    public static SocketAddress address(InetAddress checked, int port) {
        return SocketAddress.inetSocketAddress(port, checked.getHostAddress());
    }
}
