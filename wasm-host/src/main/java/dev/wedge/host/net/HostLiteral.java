package dev.wedge.host.net;

import io.netty.util.NetUtil;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Reads the host of a URL the way browsers and curl do (the WHATWG URL standard's host parser): a host whose last
 * label is a number is an IPv4 address, in any of its forms (dotted or not, each part decimal, octal with a leading
 * {@code 0} or hex with {@code 0x}: {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} are all 127.0.0.1); a
 * bracketed host is an IPv6 address. The policy then checks the address itself, so no spelling of a private
 * address passes for a name.
 */
public final class HostLiteral {

    private HostLiteral() {}

    /**
     * @return the address the host spells, or null when it is a name (to be resolved)
     * @throws IllegalArgumentException when the host looks like an address but is not a valid one
     *     ({@code 1.2.3.256}, {@code [::g]}), which a URL parser must refuse rather than look up
     */
    public static InetAddress parse(String host) {
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw new IllegalArgumentException("unterminated IPv6 address " + host);
            }
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host.substring(1, host.length() - 1));
            if (bytes == null || bytes.length != 16) {
                throw new IllegalArgumentException("not an IPv6 address: " + host);
            }
            return address(bytes);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = name.split("\\.", -1);
        if (!isNumber(labels[labels.length - 1])) {
            return null;
        }
        if (labels.length > 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + host);
        }
        long[] parts = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            parts[i] = number(labels[i], host);
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i] > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + host);
            }
            value = value << 8 | parts[i];
        }
        int restBits = 8 * (5 - parts.length);
        long last = parts[parts.length - 1];
        if (last >= 1L << restBits) {
            throw new IllegalArgumentException("not an IPv4 address: " + host);
        }
        value = value << restBits | last;
        return address(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** A label the WHATWG parser reads as a number: decimal digits, or {@code 0x} and hex digits. */
    private static boolean isNumber(String label) {
        if (label.isEmpty()) {
            return false;
        }
        String lower = label.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            return lower.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return lower.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long number(String label, String host) {
        String lower = label.toLowerCase(Locale.ROOT);
        int radix = 10;
        String digits = lower;
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = lower.substring(2);
        } else if (lower.length() > 1 && lower.startsWith("0")) {
            radix = 8;
            digits = lower.substring(1);
        }
        if (digits.isEmpty()) {
            return 0; // "0x" alone is zero, as in browsers
        }
        try {
            BigInteger value = new BigInteger(digits, radix);
            if (value.bitLength() > 32) {
                throw new IllegalArgumentException("not an IPv4 address: " + host);
            }
            return value.longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + host); // e.g. 09 as octal
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // an IPv4-mapped IPv6 address becomes its IPv4 address
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four or sixteen bytes, by construction
        }
    }
}
