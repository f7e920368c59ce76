package dev.wedge.deploy;

import dev.wedge.config.Cidr;
import dev.wedge.settings.ConfigException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses a {@code module-url} may reach: public unicast addresses, and whatever the node's config
 * allows ({@code deploy.module-url-allow}). Everything else is refused, the node's own addresses included, so
 * that a deploy cannot make the node call its own ports, its neighbours or the cloud's metadata service.
 */
final class AddressPolicy {

    /**
     * The IANA special-purpose blocks (RFC 6890 and successors) that are no public server's address. IPv4-mapped
     * IPv6 addresses need no entry: Java turns them into IPv4 addresses wherever they come from.
     */
    private static final List<Cidr> NOT_PUBLIC = blocks(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");
    /** IPv6 blocks whose addresses carry an IPv4 address, which decides: NAT64 (RFC 6052) and 6to4 (RFC 3056). */
    private static final Cidr NAT64 = block("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = block("2002::/16");

    private final List<Cidr> allowed;

    AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Whether a download may connect to the address. Looks at the host's interfaces: not on an event loop. */
    boolean permits(InetAddress address) {
        if (allowed.stream().anyMatch(block -> block.contains(address))) {
            return true;
        }
        return isPublic(address) && !isOwn(address);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || NOT_PUBLIC.stream().anyMatch(block -> block.contains(address))) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (NAT64.contains(address)) {
            return isPublic(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return isPublic(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        return true;
    }

    /** An address of one of this host's interfaces: the node itself, whatever its address looks like. */
    private static boolean isOwn(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true; // cannot tell: refuse
        }
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static List<Cidr> blocks(String... blocks) {
        return Arrays.stream(blocks).map(AddressPolicy::block).toList();
    }

    private static Cidr block(String block) {
        try {
            return Cidr.parse(block);
        } catch (ConfigException e) {
            throw new IllegalStateException(e); // the constants above are valid
        }
    }
}
