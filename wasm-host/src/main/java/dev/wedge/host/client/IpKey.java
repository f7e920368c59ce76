package dev.wedge.host.client;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address as a 128-bit number, so IPv4 and IPv6 sort and compare alike: an IPv4 address is kept as its
 * IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}), as the JDK reads such a literal anyway.
 */
record IpKey(long hi, long lo) implements Comparable<IpKey> {

    /** The upper half of the low 64 bits of an IPv4-mapped address. */
    private static final long MAPPED_V4 = 0xFFFFL;

    /** The address of a literal (never a name lookup), or null when {@code text} is not one. */
    static IpKey parse(String text) {
        byte[] bytes = text == null ? null : NetUtil.createByteArrayFromIpAddressString(text.strip());
        return bytes == null ? null : of(bytes);
    }

    static IpKey of(byte[] bytes) {
        if (bytes.length == 4) {
            return new IpKey(0, MAPPED_V4 << 32 | unsigned(bytes, 0, 4));
        }
        return new IpKey(unsigned(bytes, 0, 8), unsigned(bytes, 8, 8));
    }

    private static long unsigned(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = from; i < from + count; i++) {
            value = value << 8 | (bytes[i] & 0xFF);
        }
        return value;
    }

    boolean isV4() {
        return hi == 0 && lo >>> 32 == MAPPED_V4;
    }

    /** The address with its last {@code bits} bits set to {@code one}: the ends of a block. */
    IpKey fill(int bits, boolean one) {
        long loMask = bits >= 64 ? -1L : (1L << bits) - 1;
        long hiMask = bits <= 64 ? 0 : bits >= 128 ? -1L : (1L << (bits - 64)) - 1;
        return one ? new IpKey(hi | hiMask, lo | loMask) : new IpKey(hi & ~hiMask, lo & ~loMask);
    }

    @Override
    public int compareTo(IpKey other) {
        int high = Long.compareUnsigned(hi, other.hi);
        return high != 0 ? high : Long.compareUnsigned(lo, other.lo);
    }

    /** The usual text: dotted IPv4, or RFC 5952's short IPv6. */
    @Override
    public String toString() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        try {
            // InetAddress makes an IPv4-mapped address the IPv4 address it is
            return NetUtil.toAddressString(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // sixteen bytes, by construction
        }
    }
}
