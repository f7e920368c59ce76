package dev.wedge.host.run;

import dev.wedge.host.outbound.OutboundCapability;
import dev.wedge.host.proxywasm.CdnSettings;
import dev.wedge.host.proxywasm.Phase;
import dev.wedge.host.proxywasm.ProxyWasmCapability;
import dev.wedge.host.proxywasm.Upstream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a CDN request runs through: at most one app per phase (FastEdge's "one app per stage"), sharing the
 * request's exchange, and its origin. A CDN app served on its own is the chain with that app in every phase; a
 * site (docs/cdn-apps.md, "Sites") may give each phase its own app.
 *
 * @param lead the app whose limits, phase model, log and metrics the request counts under: the first one
 * @param interruptOnError when false, a phase whose app fails is skipped and the request goes on
 * @param originApp an http (or wagi) app that answers in-process instead of the origin's URLs, or null
 * @param originUpstream what the origin requests go through (a site's cache, docs/cache.md); null for the node's
 *     {@link Upstream}, which callouts always use
 */
public record CdnChain(String name, Map<Phase, App> apps, App lead, OriginPlan origin, boolean interruptOnError,
        App originApp, Upstream originUpstream) {

    public CdnChain {
        apps = apps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(apps));
    }

    public CdnChain(String name, Map<Phase, App> apps, App lead, OriginPlan origin, boolean interruptOnError) {
        this(name, apps, lead, origin, interruptOnError, null, null);
    }

    /** One CDN app for every phase, to its own {@code origin} under its own outbound policy. */
    public static CdnChain of(App app) {
        CdnSettings settings = app.config().settings().get(ProxyWasmCapability.SETTINGS);
        var apps = new EnumMap<Phase, App>(Phase.class);
        for (Phase phase : Phase.values()) {
            apps.put(phase, app);
        }
        var origin = new OriginPlan(settings.origin() == null ? List.of() : List.of(settings.origin()), null,
                app.config().limits().timeout(), null,
                app.config().settings().get(OutboundCapability.SETTINGS).policy());
        return new CdnChain(app.name(), apps, app, origin, true);
    }

    /** The app of a phase, or null when none filters it. */
    public App app(Phase phase) {
        return apps.get(phase);
    }
}
