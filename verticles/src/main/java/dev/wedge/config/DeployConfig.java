package dev.wedge.config;

import dev.wedge.host.limits.Limits;
import dev.wedge.host.net.Cidr;
import dev.wedge.host.secrets.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a node takes apps deployed through the admin API.
 *
 * @param dataDir where the node keeps every module and app record it has, so a restart loses nothing
 * @param maxModuleBytes the largest module accepted
 * @param idleModules compiled modules kept between requests (an app whose module was let go compiles it again)
 * @param syncInterval how often a node compares its apps with the cluster's, catching any change it missed
 * @param ackTimeout how long a deploy waits for every node to confirm it runs the new version
 * @param moduleGrace how long an uploaded module no version names yet is kept for a deploy to name it
 * @param defaults limits of a deployed app that sets none
 * @param secrets secrets (with their slots) deployed apps may name by reference; never sent over the API or the
 *     cluster
 * @param downloadTimeout how long a {@code module-url} download may take in all, connecting included
 * @param moduleUrlAllow the addresses a {@code module-url} may reach although loopback, private, link-local or
 *     otherwise not public (none by default: the admin API must not become a way into the node's network)
 */
public record DeployConfig(Path dataDir, long maxModuleBytes, int idleModules, Duration syncInterval,
        Duration ackTimeout, Duration moduleGrace, Limits defaults, Secrets secrets,
        Duration downloadTimeout, List<Cidr> moduleUrlAllow) {

    public static final long DEFAULT_MAX_MODULE_BYTES = 32L << 20;
    public static final int DEFAULT_IDLE_MODULES = 64;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MODULE_GRACE = Duration.ofMinutes(10);

    public DeployConfig {
        moduleUrlAllow = List.copyOf(moduleUrlAllow);
    }

    public static DeployConfig defaults(Path dataDir) {
        return new DeployConfig(dataDir, DEFAULT_MAX_MODULE_BYTES, DEFAULT_IDLE_MODULES, DEFAULT_SYNC_INTERVAL,
                DEFAULT_ACK_TIMEOUT, DEFAULT_MODULE_GRACE, Limits.DEFAULT, Secrets.EMPTY, DEFAULT_DOWNLOAD_TIMEOUT,
                List.of());
    }

    public DeployConfig withDataDir(Path value) {
        return new DeployConfig(value, maxModuleBytes, idleModules, syncInterval, ackTimeout, moduleGrace, defaults,
                secrets, downloadTimeout, moduleUrlAllow);
    }

    public DeployConfig withSecrets(Secrets value) {
        return new DeployConfig(dataDir, maxModuleBytes, idleModules, syncInterval, ackTimeout, moduleGrace, defaults,
                value, downloadTimeout, moduleUrlAllow);
    }

    public DeployConfig withAckTimeout(Duration value) {
        return new DeployConfig(dataDir, maxModuleBytes, idleModules, syncInterval, value, moduleGrace, defaults,
                secrets, downloadTimeout, moduleUrlAllow);
    }

    public DeployConfig withSync(Duration interval, Duration grace) {
        return new DeployConfig(dataDir, maxModuleBytes, idleModules, interval, ackTimeout, grace, defaults,
                secrets, downloadTimeout, moduleUrlAllow);
    }

    public DeployConfig withDownloads(Duration timeout, List<Cidr> allow) {
        return new DeployConfig(dataDir, maxModuleBytes, idleModules, syncInterval, ackTimeout, moduleGrace, defaults,
                secrets, timeout, allow);
    }

    /** Never prints secret values. */
    @Override
    public String toString() {
        return "DeployConfig[dataDir=" + dataDir + ", maxModuleBytes=" + maxModuleBytes + ", idleModules="
                + idleModules + ", syncInterval=" + syncInterval + ", ackTimeout=" + ackTimeout + ", moduleGrace="
                + moduleGrace + ", secrets=" + secrets.names() + ", downloadTimeout=" + downloadTimeout
                + ", moduleUrlAllow=" + moduleUrlAllow + "]";
    }
}
