package dev.wedge.cli;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.limits.Limits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that describe one app, shared by {@code run} and {@code call}. */
final class AppOptions {

    @Option(names = "--env", paramLabel = "K=V", description = "Environment variable for the app (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--secret", paramLabel = "K=V", description = "Secret for the app (repeatable).")
    Map<String, String> secrets = new LinkedHashMap<>();

    @Option(names = "--memory-limit", paramLabel = "MB", defaultValue = "128",
            description = "Guest memory cap in MiB (default: ${DEFAULT-VALUE}).")
    long memoryLimitMb;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "60000",
            description = "Deadline per request in milliseconds (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "Largest request body accepted (default: 16 MiB).")
    Long maxBodyBytes;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "chicory",
            description = "Wasm engine: chicory or wasmtime (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "App kind: http or wagi (default: detected from the module's exports).")
    String kind;

    AppConfig toConfig(String name) {
        if (memoryLimitMb < 1 || memoryLimitMb > 4096) {
            throw new IllegalArgumentException("--memory-limit must be between 1 and 4096 MB");
        }
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 ms");
        }
        Limits limits = Limits.DEFAULT.withMemoryBytes(memoryLimitMb * Limits.MIB)
                .withTimeout(Duration.ofMillis(timeoutMs));
        if (maxBodyBytes != null) {
            limits = limits.withMaxRequestBodyBytes(maxBodyBytes);
        }
        return new AppConfig(name, kind == null ? null : AppKind.parse(kind), env, secrets, limits);
    }

    static String appName(java.nio.file.Path module) {
        String file = module.getFileName().toString();
        String base = file.endsWith(".wasm") ? file.substring(0, file.length() - 5) : file;
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "-");
        return safe.isEmpty() ? "app" : safe;
    }
}
