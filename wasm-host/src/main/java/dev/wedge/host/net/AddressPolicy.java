package dev.wedge.host.net;

import dev.wedge.settings.ConfigException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses the node may connect to on someone else's behalf (a deploy's {@code module-url}, an app's
 * outbound call): public unicast addresses, and whatever the config allows. Everything else is refused, the
 * node's own addresses included, so that nobody can make the node call its own ports, its neighbours or the
 * cloud's metadata service. Names are checked too, before they are resolved ({@link #permitsName}), and every
 * address a name resolves to must then pass {@link #permits}; callers connect to the address they checked.
 */
public final class AddressPolicy {

    /**
     * The IANA special-purpose blocks (RFC 6890 and successors) that are no public server's address. IPv4-mapped
     * IPv6 addresses need no entry: Java turns them into IPv4 addresses wherever they come from.
     */
    private static final List<Cidr> NOT_PUBLIC = blocks(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::ffff:0:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
            "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");
    /** IPv6 blocks whose addresses carry an IPv4 address, which decides: NAT64 (RFC 6052) and 6to4 (RFC 3056). */
    private static final Cidr NAT64 = block("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = block("2002::/16");
    /**
     * Names that mean the node itself or its cloud's metadata service wherever they are resolved (RFC 6761's
     * {@code localhost} and its subdomains; the metadata names of the big clouds), refused before any lookup.
     */
    private static final Set<String> SPECIAL_NAMES = Set.of("localhost", "metadata", "metadata.google.internal",
            "instance-data", "instance-data.ec2.internal");

    private final List<Cidr> allowed;
    private final Set<String> allowedNames;

    /** @param allowed blocks that may be reached although they are not public */
    public AddressPolicy(List<Cidr> allowed) {
        this(allowed, Set.of());
    }

    /**
     * @param allowedNames host names (lower case) that may be reached whatever they resolve to, special names
     *     included: the config's explicit exceptions (e.g. {@code localhost} for local development)
     */
    public AddressPolicy(List<Cidr> allowed, Set<String> allowedNames) {
        this.allowed = List.copyOf(allowed);
        this.allowedNames = Set.copyOf(allowedNames);
    }

    /** Whether the node may connect to the address. Looks at the host's interfaces: not on an event loop. */
    public boolean permits(InetAddress address) {
        if (allowed.stream().anyMatch(block -> block.contains(address))) {
            return true;
        }
        return isPublic(address) && !isOwn(address);
    }

    /** Whether a host name may be looked up at all: special names are refused unless allowed by name. */
    public boolean permitsName(String host) {
        String name = normalized(host);
        if (allowedNames.contains(name)) {
            return true;
        }
        return !SPECIAL_NAMES.contains(name) && !name.endsWith(".localhost");
    }

    /** Whether every address of a host allowed by name is allowed too, without checking them. */
    public boolean allowsByName(String host) {
        return allowedNames.contains(normalized(host));
    }

    private static String normalized(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name; // "localhost." is localhost
    }

    public static boolean isPublic(InetAddress address) {
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
