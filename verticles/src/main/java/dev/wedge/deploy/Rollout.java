package dev.wedge.deploy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Tells every node of the PoP that an app (or a site) changed and collects what each then runs. Each node listens
 * on an address of its own over the event bus; the message only names the app or site, and the node reads the
 * record from the cluster map, so a late or repeated message can never take a node backwards.
 */
final class Rollout {

    private static final String ADDRESS = "wedge.deploy.sync.";
    /** The module travels in the message body; what it is, in the headers. */
    private static final String PREPARE = "wedge.deploy.prepare-module";

    private final Vertx vertx;
    private final Members members;
    private final long maxModuleBytes;
    private final Duration timeout;
    private MessageConsumer<JsonObject> consumer;
    private MessageConsumer<Buffer> preparer;

    Rollout(Vertx vertx, Members members, Duration timeout, long maxModuleBytes) {
        this.vertx = vertx;
        this.members = members;
        this.timeout = timeout;
        this.maxModuleBytes = maxModuleBytes;
    }

    /** Starts answering other nodes' announcements with {@code sync} (apps) and {@code sites}. */
    Future<Void> listen(AppSync sync, SiteSync sites) {
        consumer = vertx.eventBus().consumer(ADDRESS + members.self(), message -> {
            String site = message.body().getString("site");
            (site != null ? sites.sync(site) : sync.sync(message.body().getString("app")))
                    .onSuccess(message::reply)
                    .onFailure(failure -> message.fail(500, String.valueOf(failure.getMessage())));
        });
        preparer = vertx.eventBus().consumer(PREPARE, message -> {
            MultiMap about = message.headers();
            // the sender compiles it while validating; a module over this node's own limit is never deployed here
            if (!members.self().equals(about.get("from")) && message.body().length() <= maxModuleBytes) {
                sync.prepare(about.get("app"), about.get("sha256"), manifest(about.get("config")),
                        message.body().getBytes());
            }
        });
        return Future.join(consumer.completion(), preparer.completion()).mapEmpty();
    }

    /**
     * Sends the module to the other nodes to compile while this node validates and stores it, so the change that
     * may follow finds it compiled everywhere. The bytes go with the message: fetching them from the cluster's map
     * would wait for this node's store (a disk write, then a copy to the map's owner and backups) and then copy
     * them once more. Fire and forget: nothing depends on it but speed.
     */
    void prepare(String app, String sha256, JsonObject manifest, byte[] wasm) {
        if (members.all().size() <= 1) {
            return; // no other node: publishing would only copy the module to this node's own consumer
        }
        var about = new DeliveryOptions().addHeader("from", members.self()).addHeader("app", app)
                .addHeader("sha256", sha256).addHeader("config", manifest.encode());
        try {
            vertx.eventBus().publish(PREPARE, Buffer.buffer(wasm), about);
        } catch (RuntimeException e) { // a closing event bus: the other nodes will compile when the change comes
            System.getLogger(Rollout.class.getName()).log(System.Logger.Level.DEBUG, "prepare not sent", e);
        }
    }

    private static JsonObject manifest(String json) {
        try {
            return json == null ? null : new JsonObject(json);
        } catch (DecodeException e) {
            return null;
        }
    }

    /** Every node's state for the app once it applied the change, or why it did not answer. */
    Future<JsonArray> announce(String app) {
        return announce(new JsonObject().put("app", app));
    }

    /** Every node's state for the site once it applied the change, or why it did not answer. */
    Future<JsonArray> announceSite(String site) {
        return announce(new JsonObject().put("site", site));
    }

    private Future<JsonArray> announce(JsonObject changed) {
        var options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
        List<Future<JsonObject>> replies = members.all().stream()
                .map(node -> vertx.eventBus().<JsonObject>request(ADDRESS + node, changed, options)
                        .map(reply -> reply.body())
                        .otherwise(failure -> new JsonObject().put("node", node).put("state", "unreachable")
                                .put("error", String.valueOf(failure.getMessage()))))
                .toList();
        return Future.all(replies).map(all -> new JsonArray(all.<JsonObject>list()));
    }

    Future<Void> close() {
        return consumer == null ? Future.succeededFuture()
                : Future.join(consumer.unregister(), preparer.unregister()).mapEmpty();
    }
}
