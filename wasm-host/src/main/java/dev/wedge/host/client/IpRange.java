package dev.wedge.host.client;

/** The addresses from {@code first} to {@code last}, both included: a CIDR block, an address, or a range. */
record IpRange(IpKey first, IpKey last) {

    /**
     * {@code 192.0.2.0/24}, {@code 2001:db8::/32}, a single address, or {@code FIRST-LAST}; null when the text is
     * none of these.
     */
    static IpRange parse(String text) {
        String spec = text.strip();
        int dash = spec.indexOf('-');
        if (dash >= 0) {
            IpKey first = IpKey.parse(spec.substring(0, dash));
            IpKey last = IpKey.parse(spec.substring(dash + 1));
            boolean sameFamily = first != null && last != null && first.isV4() == last.isV4();
            return sameFamily && first.compareTo(last) <= 0 ? new IpRange(first, last) : null;
        }
        int slash = spec.indexOf('/');
        IpKey address = IpKey.parse(slash < 0 ? spec : spec.substring(0, slash));
        if (address == null) {
            return null;
        }
        int width = address.isV4() ? 32 : 128;
        int prefix;
        try {
            prefix = slash < 0 ? width : Integer.parseInt(spec.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (prefix < 0 || prefix > width) {
            return null;
        }
        int hostBits = width - prefix;
        return new IpRange(address.fill(hostBits, false), address.fill(hostBits, true));
    }

    boolean contains(IpKey address) {
        return first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
