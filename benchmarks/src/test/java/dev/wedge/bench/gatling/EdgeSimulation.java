package dev.wedge.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load against a running node's demo apps, one scenario per run (system property {@code scenario}):
 * {@code hello}, {@code echo} (a 1 KiB body), {@code kv} (write then read a key) or {@code orders} (publish to
 * a queue). Rate and duration from {@code rate} (users/s, default 200) and {@code seconds} (default 20); the
 * node at {@code baseUrl} (default http://127.0.0.1:8080). Bounded in count and time by construction.
 */
public class EdgeSimulation extends Simulation {

    private static final String BODY = "x".repeat(1024);

    private final String scenarioName = System.getProperty("scenario", "hello");
    private final int rate = Integer.getInteger("rate", 200);
    private final int seconds = Integer.getInteger("seconds", 20);
    private final AtomicLong sequence = new AtomicLong();

    private final Map<String, ChainBuilder> chains = Map.of(
            "hello", exec(http("hello").get("/hello").check(status().is(200))),
            "echo", exec(http("echo").post("/echo/bench")
                    .body(StringBody(BODY)).check(status().is(200))),
            "kv", exec(session -> session.set("key", "bench-" + sequence.incrementAndGet()))
                    .exec(http("kv put").put("/kv/#{key}").body(StringBody(BODY)).check(status().is(204)))
                    .exec(http("kv get").get("/kv/#{key}").check(status().is(200))),
            "orders", exec(session -> session.set("id", "o-" + sequence.incrementAndGet()))
                    .exec(http("publish order").post("/orders")
                            .body(StringBody("{\"id\":\"#{id}\",\"customer\":\"c-1\",\"amount\":9.5}"))
                            .check(status().is(202))));

    {
        ChainBuilder chain = chains.get(scenarioName);
        if (chain == null) {
            throw new IllegalArgumentException("scenario must be one of " + chains.keySet());
        }
        HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("baseUrl", "http://127.0.0.1:8080"))
                .shareConnections();
        ScenarioBuilder load = scenario(scenarioName).exec(chain);
        setUp(load.injectOpen(rampUsersPerSec(1).to(rate).during(5), constantUsersPerSec(rate).during(seconds)))
                .protocols(protocol)
                .assertions(global().successfulRequests().percent().gte(99.0));
    }
}
