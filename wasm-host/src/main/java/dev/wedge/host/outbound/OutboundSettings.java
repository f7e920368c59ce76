package dev.wedge.host.outbound;

import dev.wedge.host.http.HeaderRules;
import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.net.Cidr;
import dev.wedge.kv.Glob;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An app's outbound HTTP settings: its {@code outbound:} section and {@code propagate-headers} (docs/config.md).
 *
 * @param allowHosts host globs the app may call ({@code *.example.com}); empty for any public host
 * @param policy the addresses it may reach: public ones, and its {@code allow-private} exceptions
 * @param maxRequests outbound calls per request (redirects followed within a call do not count)
 * @param maxResponseBytes the largest response body it takes; a larger one is RESPONSE_TOO_LARGE
 * @param timeout per call, redirects, lookups and body included
 * @param maxRedirects redirects followed within one call; 0 hands the app the 3xx
 * @param propagateHeaders inbound request headers (lower case) sent on every outbound call
 */
public record OutboundSettings(List<Glob> allowHosts, AddressPolicy policy, int maxRequests, long maxResponseBytes,
        Duration timeout, int maxRedirects, List<String> propagateHeaders) {

    public static final String SECTION = "outbound";
    public static final String PROPAGATE_HEADERS = "propagate-headers";
    /** FastEdge Basic's figure. */
    public static final int DEFAULT_MAX_REQUESTS = 5;
    /** FastEdge Pro's response body limit. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 5L * 1024 * 1024;
    public static final long DEFAULT_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_MAX_REDIRECTS = 0;
    private static final Set<String> KEYS =
            Set.of("allow-hosts", "allow-private", "max-requests", "max-response-bytes", "timeout-ms", "max-redirects");

    public static final OutboundSettings DEFAULT = new OutboundSettings(List.of(), new AddressPolicy(List.of()),
            DEFAULT_MAX_REQUESTS, DEFAULT_MAX_RESPONSE_BYTES, Duration.ofMillis(DEFAULT_TIMEOUT_MS),
            DEFAULT_MAX_REDIRECTS, List.of());

    public OutboundSettings {
        allowHosts = List.copyOf(allowHosts);
        propagateHeaders = List.copyOf(propagateHeaders);
    }

    static OutboundSettings read(Section app) throws ConfigException {
        Section section = app.section(SECTION);
        section.allowOnly(KEYS);
        List<Glob> hosts = new ArrayList<>();
        for (String glob : entries(section, "allow-hosts")) {
            hosts.add(Glob.compile(glob.strip().toLowerCase(Locale.ROOT)));
        }
        List<String> propagate = new ArrayList<>();
        for (String name : app.list(PROPAGATE_HEADERS)) {
            if (!HeaderRules.validName(name)) {
                throw new ConfigException(app.key(PROPAGATE_HEADERS) + ": '" + name + "' is not a header name");
            }
            propagate.add(name.toLowerCase(Locale.ROOT));
        }
        return new OutboundSettings(hosts, allowPrivate(section),
                (int) section.number("max-requests", DEFAULT_MAX_REQUESTS, 0, 1000),
                section.number("max-response-bytes", DEFAULT_MAX_RESPONSE_BYTES, 0, Integer.MAX_VALUE - 8),
                Duration.ofMillis(section.number("timeout-ms", DEFAULT_TIMEOUT_MS, 1, 3_600_000)),
                (int) section.number("max-redirects", DEFAULT_MAX_REDIRECTS, 0, 20), propagate);
    }

    /**
     * The address policy of a section's {@code allow-private}: addresses, CIDR blocks and host names that may
     * be reached although private. An app's {@code outbound:} has one, and so has a site's origin.
     */
    public static AddressPolicy allowPrivate(Section section) throws ConfigException {
        List<Cidr> blocks = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String entry : entries(section, "allow-private")) {
            try {
                blocks.add(Cidr.parse(entry));
            } catch (ConfigException notAnAddress) {
                if (entry.isBlank() || entry.contains("/") || entry.contains(" ")) {
                    throw new ConfigException(section.key("allow-private") + ": '" + entry
                            + "' is neither an address, a CIDR block nor a host name");
                }
                names.add(entry.strip().toLowerCase(Locale.ROOT));
            }
        }
        return new AddressPolicy(blocks, names);
    }

    /** A list's entries; a single value may hold several, comma-separated (as environment overrides give them). */
    private static List<String> entries(Section section, String key) throws ConfigException {
        List<String> entries = new ArrayList<>();
        for (String value : section.list(key)) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }

    /** Whether the app's allow-list lets it call this host (lower case); an empty list allows any host. */
    boolean allowsHost(String host) {
        return allowHosts.isEmpty() || allowHosts.stream().anyMatch(glob -> glob.matches(host));
    }
}
