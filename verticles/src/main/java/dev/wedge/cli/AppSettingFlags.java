package dev.wedge.cli;

import dev.wedge.host.limits.Limits;
import dev.wedge.host.proxywasm.CdnSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Option;

/**
 * The app settings that {@code run}, {@code call} and {@code deploy} take as flags, each spelled as its key in a
 * config file or manifest (docs/config.md; a repeatable flag is the key's singular). They only fill in a settings
 * map, which the one reader of app settings then checks, so defaults and errors are the config file's.
 */
final class AppSettingFlags {

    /** The keys these flags set; {@code --set} may not set them a second way. */
    private static final Set<String> FLAGGED = Set.of("kind", "engine", "env", "secrets", "memory-limit-mb",
            "timeout-ms", "max-body-bytes", "max-response-bytes", "max-concurrent", "namespace", "request-headers",
            "response-headers", "propagate-headers", "origin", "proxy-wasm-mode");
    private static final long MIB = 1L << 20;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "App kind: http, wagi, message or cdn (default: detected from the module's exports).")
    String kind;

    @Option(names = "--origin", paramLabel = "URL",
            description = "A cdn app's origin, http(s)://HOST[:PORT][/PATH]: where requests go after its filter.")
    String origin;

    @Option(names = "--proxy-wasm-mode", paramLabel = "MODE",
            description = "A cdn app's phase model: fastedge (default: an instance per phase) or envoy.")
    String proxyWasmMode;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Wasm engine: chicory, wasmtime or auto (default: the node's; chicory).")
    String engine;

    @Option(names = {"--env", "-e"}, paramLabel = "K=V",
            description = "Environment variable for the app (repeatable).")
    Map<String, String> env;

    @Option(names = {"--secret", "-s"}, paramLabel = "K=V",
            description = "Secret for the app (repeatable): its value for run and call, the name of one of the "
                    + "node's secrets for deploy.")
    Map<String, String> secrets;

    @Option(names = "--memory-limit-mb", paramLabel = "N",
            description = "Guest memory cap in MiB (default: " + Limits.DEFAULT_MEMORY_MIB + "; a deploy: the node's).")
    Long memoryLimitMb;

    @Option(names = "-m", paramLabel = "BYTES",
            description = "fastedge-run's memory cap, in bytes (rounded up to MiB): --memory-limit-mb.")
    Long memoryLimitBytes;

    @Option(names = {"--timeout-ms", "--max-duration"}, paramLabel = "N",
            description = "Deadline per request in milliseconds (default: " + Limits.DEFAULT_TIMEOUT_MS
                    + "; a deploy: the node's).")
    Long timeoutMs;

    @Option(names = "--max-body-bytes", paramLabel = "N",
            description = "Largest request body (default: " + Limits.DEFAULT_MAX_BODY_BYTES + "; a deploy: the node's).")
    Long maxBodyBytes;

    @Option(names = "--max-response-bytes", paramLabel = "N",
            description = "Largest response body (default: " + Limits.DEFAULT_MAX_RESPONSE_BYTES
                    + "; a deploy: the node's).")
    Long maxResponseBytes;

    @Option(names = "--max-concurrent", paramLabel = "N",
            description = "Most requests of the app that run at once (default: half the node's workers).")
    Integer maxConcurrent;

    @Option(names = "--namespace", paramLabel = "NS", description = "Namespace of the app's topics (default: its name).")
    String namespace;

    @Option(names = {"--request-header", "--headers"}, paramLabel = "K=V",
            description = "Header added to every request before the app sees it (repeatable).")
    Map<String, String> requestHeaders;

    @Option(names = {"--response-header", "--rsp-headers"}, paramLabel = "K=V",
            description = "Header added to every response, the node's answers included (repeatable; an empty "
                    + "value is skipped).")
    Map<String, String> responseHeaders;

    @Option(names = "--propagate-header", paramLabel = "NAME",
            description = "Request header forwarded on the app's outbound requests (repeatable).")
    List<String> propagateHeaders;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any other app setting, the value in YAML (repeatable), e.g. --set 'publish={bus: [orders]}'.")
    Map<String, String> more;

    /** Whether any flag was given. */
    boolean given() {
        return (more != null && !more.isEmpty()) || !named().isEmpty();
    }

    /** The keys given with {@code --set}. */
    Set<String> setKeys() {
        return more == null ? Set.of() : more.keySet();
    }

    /**
     * Puts the given flags into an app's settings, {@code --set} first: maps are merged into the ones there, so
     * {@code --env} adds to a file's {@code env}; anything else is replaced.
     */
    void applyTo(Map<String, Object> settings) {
        if (more != null) {
            for (var entry : more.entrySet()) {
                if (named().containsKey(entry.getKey()) || FLAGGED.contains(entry.getKey())) {
                    throw new IllegalArgumentException("--set " + entry.getKey() + ": it has a flag of its own");
                }
                put(settings, entry.getKey(), yaml(entry.getKey(), entry.getValue()));
            }
        }
        named().forEach((key, value) -> put(settings, key, value));
        if (origin != null) {
            allowOrigin(settings);
        }
    }

    /**
     * The origin named on the command line may be reached although it is private (a local origin while
     * developing): its host joins the app's {@code outbound.allow-private}, as if written there.
     */
    @SuppressWarnings("unchecked")
    private void allowOrigin(Map<String, Object> settings) {
        String host;
        try {
            host = CdnSettings.parseOrigin(origin).getHost();
        } catch (IllegalArgumentException e) {
            return; // the origin setting itself reports it
        }
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        var outbound = settings.get("outbound") instanceof Map<?, ?> given
                ? new LinkedHashMap<>((Map<String, Object>) given) : new LinkedHashMap<String, Object>();
        var allowed = new ArrayList<Object>();
        if (outbound.get("allow-private") instanceof List<?> list) {
            allowed.addAll(list);
        } else if (outbound.get("allow-private") != null) {
            allowed.add(outbound.get("allow-private"));
        }
        allowed.add(host);
        outbound.put("allow-private", allowed);
        settings.put("outbound", outbound);
    }

    private static void put(Map<String, Object> settings, String key, Object value) {
        if (value instanceof Map<?, ?> given && settings.get(key) instanceof Map<?, ?> current) {
            var merged = new LinkedHashMap<Object, Object>(current);
            merged.putAll(given);
            settings.put(key, merged);
        } else {
            settings.put(key, value);
        }
    }

    /** The named flags that were given, by their key. */
    private Map<String, Object> named() {
        Map<String, Object> flags = new LinkedHashMap<>();
        putIfGiven(flags, "kind", kind);
        putIfGiven(flags, "engine", engine);
        putIfGiven(flags, "env", env);
        putIfGiven(flags, "secrets", secrets);
        putIfGiven(flags, "memory-limit-mb", memoryLimitMb());
        putIfGiven(flags, "timeout-ms", timeoutMs);
        putIfGiven(flags, "max-body-bytes", maxBodyBytes);
        putIfGiven(flags, "max-response-bytes", maxResponseBytes);
        putIfGiven(flags, "max-concurrent", maxConcurrent);
        putIfGiven(flags, "namespace", namespace);
        putIfGiven(flags, "request-headers", requestHeaders);
        putIfGiven(flags, "response-headers", responseHeaders == null ? null : withoutEmptyValues(responseHeaders));
        putIfGiven(flags, "propagate-headers", propagateHeaders);
        putIfGiven(flags, "origin", origin);
        putIfGiven(flags, "proxy-wasm-mode", proxyWasmMode);
        return flags;
    }

    private Long memoryLimitMb() {
        if (memoryLimitBytes == null) {
            return memoryLimitMb;
        }
        if (memoryLimitMb != null) {
            throw new IllegalArgumentException("-m and --memory-limit-mb set the same limit: give one");
        }
        if (memoryLimitBytes <= 0) {
            throw new IllegalArgumentException("-m " + memoryLimitBytes + ": not a number of bytes");
        }
        return (memoryLimitBytes + MIB - 1) / MIB;
    }

    private static Map<String, String> withoutEmptyValues(Map<String, String> headers) {
        var kept = new LinkedHashMap<String, String>(headers);
        kept.values().removeIf(String::isEmpty);
        return kept;
    }

    private static void putIfGiven(Map<String, Object> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    private static Object yaml(String key, String value) {
        try {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(value);
            return parsed instanceof List<?> || parsed instanceof Map<?, ?> || parsed == null ? parsed : value;
        } catch (YAMLException e) {
            throw new IllegalArgumentException("--set " + key + ": not valid YAML: " + e.getMessage(), e);
        }
    }
}
