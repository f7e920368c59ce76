package dev.wedge.host.run;

import dev.wedge.host.net.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a CDN run's origin requests and callouts may go: the outbound address policy applied to a URL, as for an
 * app's outbound calls (docs/config.md, "outbound"). A name is looked up here, on the run's worker, and every
 * address it has must pass (unless the name itself is allowed); the request is then pinned to the checked address.
 */
final class Destinations {

    /** A destination the policy refuses, or a name that does not resolve. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private Destinations() {}

    static InetAddress check(URI url, AddressPolicy policy) {
        String host = url.getHost();
        if (host == null) {
            throw new Refused("no host in " + url);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean literal = bare.contains(":") || bare.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (!literal && !policy.permitsName(bare)) {
            throw new Refused(bare + " names the node or its metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Refused(bare + " does not resolve");
        }
        if (literal || !policy.allowsByName(bare)) {
            for (InetAddress address : addresses) { // one private address among public ones refuses the name
                if (!policy.permits(address)) {
                    throw new Refused(bare + (literal ? "" : " resolves to " + address.getHostAddress() + ", which")
                            + " is not a public address (allow it with allow-private)");
                }
            }
        }
        return addresses[0];
    }
}
