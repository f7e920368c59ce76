package dev.wedge.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lead apps of sites that name no CDN app (plain proxies, and caches, in front of their origins): one per site,
 * made once, so the site's requests are admitted, limited, logged and counted as its own ({@code site:NAME}). Its
 * module exports no phase hook, so no instance ever starts and the origin's body streams through.
 */
public final class SiteLeads {

    /**
     * {@code (module (memory (export "memory") 1) (func (export "proxy_abi_version_0_2_1"))
     * (func (export "proxy_on_context_create") (param i32 i32)))}: what a CDN module must export, and no hook.
     */
    static final byte[] NO_HOOKS = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x09, 0x02, 0x60, 0x00, 0x00, 0x60, 0x02, 0x7f, 0x7f,
        0x00, 0x03, 0x03, 0x02, 0x00, 0x01, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x3e, 0x03, 0x06, 0x6d, 0x65, 0x6d,
        0x6f, 0x72, 0x79, 0x02, 0x00, 0x17, 0x70, 0x72, 0x6f, 0x78, 0x79, 0x5f, 0x61, 0x62, 0x69, 0x5f, 0x76, 0x65,
        0x72, 0x73, 0x69, 0x6f, 0x6e, 0x5f, 0x30, 0x5f, 0x32, 0x5f, 0x31, 0x00, 0x00, 0x17, 0x70, 0x72, 0x6f, 0x78,
        0x79, 0x5f, 0x6f, 0x6e, 0x5f, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x78, 0x74, 0x5f, 0x63, 0x72, 0x65, 0x61, 0x74,
        0x65, 0x00, 0x01, 0x0a, 0x07, 0x02, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b
    };

    /** Loads a site's lead app from {@link #NO_HOOKS}. */
    @FunctionalInterface
    public interface Loader {
        DeployedApp load(String site, byte[] module) throws Exception;
    }

    /** For nodes without sites: a site that names no app cannot be served. */
    public static final SiteLeads NONE = new SiteLeads((site, module) -> null);

    private final Loader loader;
    private final Map<String, DeployedApp> leads = new ConcurrentHashMap<>();

    public SiteLeads(Loader loader) {
        this.loader = loader;
    }

    /** The site's lead app, loaded on first use; null when this node makes none. */
    public DeployedApp lead(String site) {
        DeployedApp known = leads.get(site);
        if (known != null) {
            return known;
        }
        try {
            DeployedApp made = loader.load(site, NO_HOOKS.clone());
            return made == null ? null : leads.computeIfAbsent(site, name -> made);
        } catch (Exception e) { // the module is fixed and valid: only a broken node gets here
            throw new IllegalStateException("site " + site + ": its lead app could not be made: " + e, e);
        }
    }
}
