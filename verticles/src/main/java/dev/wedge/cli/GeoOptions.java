package dev.wedge.cli;

import dev.wedge.host.client.GeoConfig;
import dev.wedge.settings.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where {@code run} and {@code call} say the client and the PoP are: the node's {@code geo:} section as flags
 * (docs/config.md, "Client and PoP"), plus values fixed for every request, beyond fastedge-run's one PoP.
 */
final class GeoOptions {

    /** FastEdge's {@code fastedge-run --geo}: a PoP in Luxembourg. */
    static final Map<String, String> FASTEDGE_POP = Map.of("pop-lat", "49.6113", "pop-long", "6.1294", "pop-reg",
            "lu", "pop-city", "luxembourg", "pop-continent", "eu", "pop-country-code", "lu", "pop-country-name",
            "luxembourg");

    @Option(names = "--geo-ip", paramLabel = "FILE",
            description = "Geolocation database: IP ranges and their places (CSV, docs/config.md).")
    Path database;

    @Option(names = "--geo-overrides", paramLabel = "FILE",
            description = "Per-client-IP table, same format, whose lines win over the database's (local tests).")
    Path overrides;

    @Option(names = "--trusted-proxy", paramLabel = "CIDR",
            description = "A peer whose x-real-ip / x-forwarded-for names the client (repeatable).")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--geo", paramLabel = "NAME=VALUE", arity = "0..1", parameterConsumer = OptionalPair.class,
            description = {"A geoip-* or pop-* value for every request (repeatable), e.g. --geo geoip-country-code=DE;",
                "alone, fastedge-run's PoP in Luxembourg."})
    List<String> values = new ArrayList<>();

    /** Takes the next argument only when it is a NAME=VALUE pair, so {@code --geo APP.wasm} leaves the module. */
    static final class OptionalPair implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            List<String> list = argSpec.getValue();
            boolean pair = !args.isEmpty() && args.peek().indexOf('=') > 0 && !args.peek().startsWith("-");
            list.add(pair ? args.pop() : "");
        }
    }

    GeoConfig config() {
        Map<String, String> fixed = new LinkedHashMap<>();
        for (String value : values) {
            if (value.isEmpty()) {
                fixed.putAll(FASTEDGE_POP);
            } else {
                int eq = value.indexOf('=');
                fixed.put(value.substring(0, eq), value.substring(eq + 1));
            }
        }
        try {
            return GeoConfig.NONE.withDatabase(database).withOverrides(overrides).withTrustedProxies(trustedProxies)
                    .withFixed(fixed);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("--geo: " + e.getMessage(), e);
        }
    }
}
