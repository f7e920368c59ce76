package dev.wedge.deploy;

import dev.wedge.host.module.ModuleDigest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Modules by sha256, kept in two places: a map shared by the cluster (how a node gets a module another node
 * took) and this node's disk (how a restart of every node loses nothing). Content-addressed, so a module is
 * written once and never changes; files are named by their hash and checked against it when read back.
 */
final class ModuleStore {

    static final String MAP = "wedge.modules";

    /** Neither this node nor the cluster has the module (yet: the node that has it may be restarting). */
    static final class Missing extends Exception {
        Missing(String sha256) {
            super("module " + sha256 + " is on no node of the cluster", null, false, false);
        }
    }
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Vertx vertx;
    private final AsyncMap<String, Buffer> shared;
    private final Path dir;

    private ModuleStore(Vertx vertx, AsyncMap<String, Buffer> shared, Path dir) {
        this.vertx = vertx;
        this.shared = shared;
        this.dir = dir;
    }

    static Future<ModuleStore> open(Vertx vertx, Path dir) {
        return vertx.sharedData().<String, Buffer>getAsyncMap(MAP).map(map -> new ModuleStore(vertx, map, dir));
    }

    static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /** Where this node keeps the module once it has it. */
    Path path(String sha256) {
        return dir.resolve(sha256 + ".wasm");
    }

    /** Keeps the module (whose digest the caller computed) on this node's disk, then shares it with the cluster. */
    Future<Path> put(String sha256, byte[] wasm) {
        return vertx.executeBlocking(() -> writeLocal(sha256, wasm), false)
                .compose(path -> shared.putIfAbsent(sha256, Buffer.buffer(wasm)).map(previous -> path));
    }

    /** The module on this node's disk, fetched from the cluster first when this node does not have it. */
    Future<Path> fetch(String sha256) {
        Path path = path(sha256);
        return vertx.executeBlocking(() -> Files.exists(path), false).compose(here -> here
                ? Future.succeededFuture(path)
                : shared.get(sha256).compose(found -> {
                    if (found == null) {
                        return Future.failedFuture(new Missing(sha256));
                    }
                    return vertx.executeBlocking(() -> {
                        byte[] bytes = found.getBytes();
                        if (!ModuleDigest.sha256(bytes).equals(sha256)) {
                            throw new IOException("module " + sha256 + " arrived with other content; not kept");
                        }
                        return writeLocal(sha256, bytes);
                    }, false);
                }));
    }

    /** Whether this node or the cluster has the module. */
    Future<Boolean> contains(String sha256) {
        return vertx.executeBlocking(() -> Files.exists(path(sha256)), false)
                .compose(here -> here ? Future.succeededFuture(true) : shared.get(sha256).map(found -> found != null));
    }

    /** Shares modules this node has and the cluster lost (after every node restarted, for one). */
    Future<Void> share(Set<String> sha256s) {
        return shared.keys().compose(known -> {
            Future<Void> chain = Future.succeededFuture();
            for (String sha256 : sha256s) {
                if (!known.contains(sha256)) {
                    chain = chain.compose(done -> vertx.executeBlocking(() -> readLocal(sha256), false))
                            .compose(bytes -> bytes == null ? Future.succeededFuture()
                                    : shared.putIfAbsent(sha256, Buffer.buffer(bytes)).mapEmpty());
                }
            }
            return chain;
        });
    }

    /** @param sha256 the digest of {@code wasm}, computed or checked by the caller */
    private Path writeLocal(String sha256, byte[] wasm) throws IOException {
        Path path = path(sha256);
        if (!Files.exists(path)) {
            DurableFiles.write(path, wasm);
        }
        return path;
    }

    /** The module's bytes, or null when this node lacks it or its file does not match its name. */
    private byte[] readLocal(String sha256) throws IOException {
        Path path = path(sha256);
        if (!Files.exists(path)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(path);
        return ModuleDigest.sha256(bytes).equals(sha256) ? bytes : null;
    }
}
