package dev.wedge.deploy;

import dev.wedge.host.module.ModuleDigest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Modules by sha256, kept in two places: a map shared by the cluster (how a node gets a module another node
 * took) and this node's disk (how a restart of every node loses nothing). Content-addressed, so a module is
 * written once and never changes; files are named by their hash and checked against it when read back. Every
 * store also stamps the module ({@link ModuleStamps}), which is what lets {@link ModuleSweep} remove modules no
 * version names without racing the deploy that is about to name one.
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
    private static final String SUFFIX = ".wasm";

    private final Vertx vertx;
    private final AsyncMap<String, Buffer> shared;
    private final ModuleStamps stamps;
    private final Path dir;

    private ModuleStore(Vertx vertx, AsyncMap<String, Buffer> shared, ModuleStamps stamps, Path dir) {
        this.vertx = vertx;
        this.shared = shared;
        this.stamps = stamps;
        this.dir = dir;
    }

    static Future<ModuleStore> open(Vertx vertx, Path dir) {
        Future<AsyncMap<String, Buffer>> shared = vertx.sharedData().getAsyncMap(MAP);
        Future<ModuleStamps> stamps = ModuleStamps.open(vertx);
        return Future.all(shared, stamps).map(both -> new ModuleStore(vertx, shared.result(), stamps.result(), dir));
    }

    ModuleStamps stamps() {
        return stamps;
    }

    static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /** Where this node keeps the module once it has it. */
    Path path(String sha256) {
        return dir.resolve(sha256 + SUFFIX);
    }

    /**
     * Stamps the module to be kept at least until {@code keepUntil}, keeps it (whose digest the caller computed)
     * on this node's disk, then shares it with the cluster. The stamp comes first: a collector that looked before
     * it then fails to claim the module.
     *
     * @return the stamp it replaced and the one it wrote, which {@link ModuleStamps#release} takes to give the
     *     keep up
     */
    Future<ModuleStamps.Kept> store(String sha256, byte[] wasm, long keepUntil) {
        return stamps.keep(sha256, keepUntil).compose(kept -> put(sha256, wasm).map(kept));
    }

    /**
     * After a record names the module: stamps it again, and stores it again if a collector took it meanwhile (it
     * did if the stamp this replaced was gone or a claim). From then on the record protects it.
     */
    Future<Void> confirm(String sha256, byte[] wasm, long keepUntil) {
        return stamps.keep(sha256, keepUntil)
                .compose(kept -> kept.mayBeGone() ? put(sha256, wasm).mapEmpty() : Future.succeededFuture());
    }

    private Future<Path> put(String sha256, byte[] wasm) {
        return vertx.executeBlocking(() -> writeLocal(sha256, wasm), false)
                .compose(path -> shared.putIfAbsent(sha256, Buffer.buffer(wasm)).map(previous -> path));
    }

    /** Every module in the cluster's map (keys only: the bytes stay where they are). */
    Future<Set<String>> sharedModules() {
        return shared.keys();
    }

    /** Takes the module out of the cluster's map; its bytes, or null when it was not there. */
    Future<Buffer> unshare(String sha256) {
        return shared.remove(sha256);
    }

    /** Puts back bytes {@link #unshare} took, when the module turned out to be wanted after all. */
    Future<Void> reshare(String sha256, Buffer wasm) {
        return shared.putIfAbsent(sha256, wasm).mapEmpty();
    }

    /** The modules on this node's disk. */
    Future<Set<String>> localModules() {
        return vertx.executeBlocking(() -> {
            Set<String> found = new HashSet<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                            .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                            .filter(ModuleStore::isSha256).forEach(found::add);
                }
            }
            return found;
        }, false);
    }

    /** Removes modules from this node's disk. */
    Future<Void> deleteLocal(Set<String> sha256s) {
        if (sha256s.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            for (String sha256 : sha256s) {
                Files.deleteIfExists(path(sha256));
            }
            return null;
        }, false);
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
                    return vertx.executeBlocking(() -> writeLocal(sha256, checked(sha256, found.getBytes())), false);
                }));
    }

    /**
     * Shares modules this node has and the cluster lost (after every node restarted, or when a collection raced a
     * deploy). Shared unstamped: a record names each of them, and a stamp only matters for modules none does.
     */
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

    /** Keeps on this node's disk a module another node sent, whose digest the caller {@link #checked}. */
    Future<Path> keepLocal(String sha256, byte[] wasm) {
        return vertx.executeBlocking(() -> writeLocal(sha256, wasm), false);
    }

    /** The bytes, if they are the module named {@code sha256}. */
    static byte[] checked(String sha256, byte[] wasm) throws IOException {
        if (!ModuleDigest.sha256(wasm).equals(sha256)) {
            throw new IOException("module " + sha256 + " arrived with other content; not kept");
        }
        return wasm;
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
