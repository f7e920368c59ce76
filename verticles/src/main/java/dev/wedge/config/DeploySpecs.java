package dev.wedge.config;

import dev.wedge.host.limits.Limits;
import dev.wedge.host.net.Cidr;
import dev.wedge.host.secrets.SecretSettings;
import dev.wedge.host.secrets.SecretSource;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code deploy:} and {@code secrets:} sections (docs/config.md). */
final class DeploySpecs {

    static final String DEFAULT_DATA_DIR = ".wedge/deploy";
    private static final Set<String> KEYS = Set.of("data-dir", "max-module-mb", "compiled-cache", "sync-interval-ms",
            "ack-timeout-ms", "module-grace-ms", "download-timeout-ms", "module-url-allow");

    private DeploySpecs() {}

    /** @param environment where the node's secrets written as {@code {env: VAR}} are looked up */
    static DeployConfig read(Section deploy, Section secrets, Limits defaults, Path baseDir,
            Map<String, String> environment) throws ConfigException {
        deploy.allowOnly(KEYS);
        Path dataDir = baseDir.resolve(deploy.string("data-dir", DEFAULT_DATA_DIR)).normalize();
        long maxModuleMb = deploy.number("max-module-mb", DeployConfig.DEFAULT_MAX_MODULE_BYTES >> 20, 1, 1024);
        int idle = (int) deploy.number("compiled-cache", DeployConfig.DEFAULT_IDLE_MODULES, 0, 100_000);
        long syncMs = deploy.number("sync-interval-ms", DeployConfig.DEFAULT_SYNC_INTERVAL.toMillis(), 100,
                3_600_000);
        long ackMs = deploy.number("ack-timeout-ms", DeployConfig.DEFAULT_ACK_TIMEOUT.toMillis(), 100, 600_000);
        long graceMs = deploy.number("module-grace-ms", DeployConfig.DEFAULT_MODULE_GRACE.toMillis(), 0,
                7 * 86_400_000L);
        long downloadMs = deploy.number("download-timeout-ms", DeployConfig.DEFAULT_DOWNLOAD_TIMEOUT.toMillis(), 100,
                3_600_000);
        return new DeployConfig(dataDir, maxModuleMb << 20, idle, Duration.ofMillis(syncMs), Duration.ofMillis(ackMs),
                Duration.ofMillis(graceMs), defaults,
                SecretSettings.readAll(secrets, new SecretSource.Written(environment, baseDir)),
                Duration.ofMillis(downloadMs),
                moduleUrlAllow(deploy));
    }

    /**
     * {@code module-url-allow}: addresses and CIDR blocks, a list or (from the environment) one comma-separated
     * value; checked here, so that a typo fails the start rather than every download.
     */
    private static List<Cidr> moduleUrlAllow(Section deploy) throws ConfigException {
        List<Cidr> allowed = new ArrayList<>();
        for (String entry : deploy.list("module-url-allow")) {
            for (String block : entry.split(",")) {
                try {
                    allowed.add(Cidr.parse(block.strip()));
                } catch (ConfigException e) {
                    throw new ConfigException(deploy.key("module-url-allow") + ": " + e.getMessage(), e);
                }
            }
        }
        return allowed;
    }
}
