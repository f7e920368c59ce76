package dev.wedge.config;

import dev.wedge.cache.CacheSettings;
import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.outbound.OutboundSettings;
import dev.wedge.host.proxywasm.CdnSettings;
import dev.wedge.host.proxywasm.Phase;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.host.run.OriginPlan;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads sites (docs/config.md, "Sites"): the {@code sites:} section of a node's configuration, and a site put
 * through the admin API, which has the same keys.
 */
public final class SiteSpecs {

    private static final Set<String> SITE = Set.of("hosts", "paths", "origin", "app", "phases", "interrupt-on-error",
            "cache");
    private static final Set<String> ORIGIN = Set.of("urls", "host-header", "connect-timeout-ms", "read-timeout-ms",
            "allow-private", "pool-size", "app");
    private static final int MAX_POOL_SIZE = 10_000;
    static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

    private SiteSpecs() {}

    /** @param appNames the node's apps, which phases may name */
    static List<SiteSpec> read(Section sites, Set<String> appNames) throws ConfigException {
        List<SiteSpec> specs = new ArrayList<>();
        for (String name : sites.keys()) {
            specs.add(site(name, sites.section(name), appNames));
        }
        return specs;
    }

    /**
     * A site given through the admin API: its app names are checked by the caller, against the deployed apps.
     *
     * @param settings the keys of a config file's site, as plain maps and lists
     */
    public static SiteSpec read(String name, Map<String, Object> settings) throws ConfigException {
        return site(name, new Section("sites." + name, settings), null);
    }

    /** @param appNames the apps the site may name; null to leave that to the caller */
    private static SiteSpec site(String name, Section site, Set<String> appNames) throws ConfigException {
        site.allowOnly(SITE);
        List<String> hosts = site.list("hosts");
        if (hosts.isEmpty()) {
            throw new ConfigException(site.key("hosts") + ": a site needs at least one host name");
        }
        List<String> paths = site.list("paths").isEmpty() ? List.of("/") : site.list("paths");
        List<RouteSpec> routes = new ArrayList<>();
        for (String host : hosts) {
            for (String path : paths) {
                if (!path.startsWith("/")) {
                    throw new ConfigException(site.key("paths") + ": '" + path + "' must start with /");
                }
                routes.add(RouteSpec.parse(host.strip() + path.strip()));
            }
        }
        String interrupt = site.string("interrupt-on-error", "true");
        if (!interrupt.equals("true") && !interrupt.equals("false")) {
            throw new ConfigException(site.key("interrupt-on-error") + " must be true or false");
        }
        return new SiteSpec(name, routes, origin(name, site.section("origin")), apps(site, appNames),
                interrupt.equals("true"), originApp(site.section("origin"), appNames),
                cache(site));
    }

    private static OriginPlan origin(String site, Section origin) throws ConfigException {
        origin.allowOnly(ORIGIN);
        List<URI> urls = new ArrayList<>();
        for (String url : origin.list("urls")) {
            try {
                urls.add(CdnSettings.parseOrigin(url.strip()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(origin.key("urls") + ": " + e.getMessage());
            }
        }
        long connect = origin.number("connect-timeout-ms", DEFAULT_CONNECT_TIMEOUT_MS, 1, 3_600_000);
        long read = origin.number("read-timeout-ms", 0, 0, 3_600_000);
        AddressPolicy policy = OutboundSettings.allowPrivate(origin);
        int poolSize = (int) origin.number("pool-size", Upstream.Pool.DEFAULT_SIZE, 1, MAX_POOL_SIZE);
        return new OriginPlan(urls, origin.string("host-header", null), Duration.ofMillis(connect),
                read == 0 ? null : Duration.ofMillis(read), policy, new Upstream.Pool("site " + site, poolSize));
    }

    /** {@code origin: {app: NAME}}: an http app of the node answers instead of URLs (not both). */
    private static String originApp(Section origin, Set<String> appNames) throws ConfigException {
        String app = origin.string("app", null);
        if (app != null && !origin.list("urls").isEmpty()) {
            throw new ConfigException(origin.key("app") + ": give either urls or app, not both");
        }
        if (app != null && appNames != null && !appNames.contains(app)) {
            throw new ConfigException(origin.key("app") + ": no app named '" + app + "' under apps");
        }
        return app;
    }

    /** A site without a {@code cache:} section is not cached; with one, even empty, it is. */
    private static CacheSettings cache(Section site) throws ConfigException {
        Section cache = site.section("cache");
        return site.isSection("cache") ? CacheSettings.read(cache) : CacheSettings.OFF;
    }

    /** {@code app: NAME} for every phase, or {@code phases:} with an app per phase; not both. */
    private static Map<Phase, String> apps(Section site, Set<String> appNames) throws ConfigException {
        var apps = new EnumMap<Phase, String>(Phase.class);
        String app = site.string("app", null);
        Section phases = site.section("phases");
        if (app != null && !phases.keys().isEmpty()) {
            throw new ConfigException(site.key("app") + ": give either app or phases, not both");
        }
        phases.allowOnly(Set.of(Phase.REQUEST_HEADERS.label(), Phase.REQUEST_BODY.label(),
                Phase.RESPONSE_HEADERS.label(), Phase.RESPONSE_BODY.label()));
        for (Phase phase : Phase.values()) {
            String named = app != null ? app : phases.string(phase.label(), null);
            if (named != null) {
                if (appNames != null && !appNames.contains(named)) {
                    throw new ConfigException((app != null ? site.key("app") : phases.key(phase.label()))
                            + ": no app named '" + named + "' under apps");
                }
                apps.put(phase, named);
            }
        }
        return apps; // none: a plain proxy (and cache) in front of the origin, under the site's own lead app
    }
}
