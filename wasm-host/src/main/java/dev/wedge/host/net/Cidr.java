package dev.wedge.host.net;

import dev.wedge.settings.ConfigException;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A block of IP addresses, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = network.clone();
    }

    /** Parses an address literal with an optional {@code /prefix}; never looks a name up. */
    public static Cidr parse(String text) throws ConfigException {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text.trim() : text.substring(0, slash).trim();
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new ConfigException("not an IP address or CIDR block: " + text);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new ConfigException("not a prefix length for " + address + ": " + text);
            }
        }
        return new Cidr(bytes, prefix);
    }

    /** Whether the address is in this block; an IPv4 address is never in an IPv6 block, nor the other way. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    /**
     * The bytes of an IP address literal, or null for anything else: parsed by Netty, which never looks a name
     * up, then through InetAddress, which makes an IPv4-mapped IPv6 address the IPv4 address it is.
     */
    private static byte[] literal(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefix == cidr.prefix && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four or sixteen bytes, by construction
        }
    }
}
