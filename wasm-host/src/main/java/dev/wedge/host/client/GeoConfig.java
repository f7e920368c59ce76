package dev.wedge.host.client;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's {@code geo:} section (docs/config.md, "Client and PoP"): where its geolocation database and overrides
 * table are, which peers are trusted proxies, and the PoP's own values; plus values fixed for every request,
 * which only the command line sets ({@code wedge run --geo NAME=VALUE}).
 *
 * @param database the geolocation file, or null for none
 * @param overrides a file in the same format whose lines win over the database's (local tests), or null
 * @param trustedProxies CIDR blocks, addresses or ranges whose {@code x-real-ip} / {@code x-forwarded-for} count
 * @param pop the PoP's values by header name ({@code pop-city}, ...)
 * @param fixed values by header name ({@code geoip-*} or {@code pop-*}) over any other
 */
public record GeoConfig(Path database, Path overrides, List<String> trustedProxies, Map<String, String> pop,
        Map<String, String> fixed) {

    public static final GeoConfig NONE = new GeoConfig(null, null, List.of(), Map.of(), Map.of());
    private static final Set<String> KEYS = Set.of("database", "overrides", "trusted-proxies", "pop");

    public GeoConfig {
        trustedProxies = List.copyOf(trustedProxies);
        pop = Map.copyOf(pop);
        fixed = Map.copyOf(fixed);
    }

    /** Reads a {@code geo:} section; paths are relative to {@code baseDir}. */
    public static GeoConfig read(Section geo, Path baseDir) throws ConfigException {
        geo.allowOnly(KEYS);
        String database = geo.string("database", null);
        String overrides = geo.string("overrides", null);
        Map<String, String> pop = geo.strings("pop");
        for (String name : pop.keySet()) {
            if (!ClientFields.POP.contains(name)) {
                throw new ConfigException(geo.key("pop") + "." + name + ": not one of " + ClientFields.POP);
            }
        }
        var config = new GeoConfig(database == null ? null : baseDir.resolve(database).normalize(),
                overrides == null ? null : baseDir.resolve(overrides).normalize(), geo.list("trusted-proxies"), pop,
                Map.of());
        config.proxies(geo.key("trusted-proxies"));
        return config;
    }

    /** With values fixed for every request; each name a {@code geoip-*} or {@code pop-*} header. */
    public GeoConfig withFixed(Map<String, String> values) throws ConfigException {
        for (String name : values.keySet()) {
            if (!ClientFields.GEOIP.contains(name) && !ClientFields.POP.contains(name)) {
                throw new ConfigException(name + " is not one of " + ClientFields.GEOIP + " or " + ClientFields.POP);
            }
        }
        var merged = new LinkedHashMap<>(fixed);
        merged.putAll(values);
        return new GeoConfig(database, overrides, trustedProxies, pop, merged);
    }

    public GeoConfig withDatabase(Path file) {
        return new GeoConfig(file, overrides, trustedProxies, pop, fixed);
    }

    public GeoConfig withOverrides(Path file) {
        return new GeoConfig(database, file, trustedProxies, pop, fixed);
    }

    public GeoConfig withTrustedProxies(List<String> blocks) throws ConfigException {
        var config = new GeoConfig(database, overrides, blocks, pop, fixed);
        config.proxies("trusted proxy");
        return config;
    }

    /** Loads the files: a node does it once, at start. */
    public ClientLocator open() throws ConfigException {
        return new ClientLocator(database == null ? GeoDatabase.EMPTY : GeoDatabase.load(database),
                overrides == null ? GeoDatabase.EMPTY : GeoDatabase.load(overrides), proxies("trusted-proxies"), pop,
                fixed);
    }

    private List<IpRange> proxies(String key) throws ConfigException {
        List<IpRange> ranges = new ArrayList<>();
        for (String block : trustedProxies) {
            IpRange range = IpRange.parse(block);
            if (range == null) {
                throw new ConfigException(key + ": not a CIDR block, an address or FIRST-LAST: " + block);
            }
            ranges.add(range);
        }
        return ranges;
    }
}
