package dev.wedge.server;

import dev.wedge.config.AppSpec;
import dev.wedge.config.NodeConfig;
import dev.wedge.config.RouteSpec;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.net.Cidr;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Modules and node configurations shared by the tests of this module. */
public final class TestNodes {

    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Test guests: little memory, so a memory bomb hits its limit fast, and a deadline no busy machine reaches. */
    public static final Limits SMALL = Limits.DEFAULT.withMemoryBytes(16 * Limits.MIB)
            .withTimeout(Duration.ofSeconds(30));
    /**
     * Only for apps whose requests are meant to run past their deadline (a guest that loops forever): then the
     * answer is a timeout however fast the machine is.
     */
    public static final Limits SHORT_DEADLINE = SMALL.withTimeout(Duration.ofMillis(500));
    /** Bounds a wait for something that should happen (a start, a reply), not how fast it happens. */
    private static final long AWAIT_SECONDS = 120;

    private TestNodes() {}

    public static Path app(String name) {
        return REPO.resolve("apps").resolve(name).resolve(name + ".wasm");
    }

    /** The module of the template {@code name} (apps/templates/NAME/NAME.wasm). */
    public static Path template(String name) {
        return REPO.resolve("apps/templates").resolve(name).resolve(name + ".wasm");
    }

    public static Path guest(String name) {
        return REPO.resolve("wasm-host/src/test/resources/guests").resolve(name + ".wasm");
    }

    public static AppSpec spec(String name, Path module, Limits limits, String... routes) {
        List<RouteSpec> parsed = new ArrayList<>();
        for (String route : routes) {
            try {
                parsed.add(RouteSpec.parse(route));
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new AppSpec(new AppConfig(name, null, Map.of(), limits), module, null, parsed);
    }

    /** A node on a free loopback port. */
    public static NodeConfig node(String engine, List<AppSpec> apps) {
        return new NodeConfig("127.0.0.1", 0, 8, engine, List.of(), apps);
    }

    public static Cidr cidr(String block) {
        try {
            return Cidr.parse(block);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(AWAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future failed or timed out", e);
        }
    }
}
