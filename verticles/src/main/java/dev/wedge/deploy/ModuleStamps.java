package dev.wedge.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When each module may be collected, in a small map shared by the cluster: sha256 to a stamp. A stamp of zero or
 * more is "keep until" (epoch milliseconds), set by whoever stores the module (an upload, a deploy); a negative
 * stamp is a collector's claim while it removes the module. Every change of a stamp is a compare-and-set, and
 * every stamp written differs from the one it replaces, so a collector that claims a module can tell whether
 * anyone stored it since it looked (docs/cluster.md, "Module garbage collection").
 */
final class ModuleStamps {

    static final String MAP = "wedge.module-stamps";
    /** A claim older than this was abandoned (its node died mid-collection); another collector may take over. */
    static final long ABANDONED_CLAIM_MILLIS = 60_000;
    private static final int MAX_ATTEMPTS = 100;
    private static final int CLAIM_NONCE_BITS = 20;

    /** What a store's stamp replaced, and what it wrote. */
    record Kept(Long previous, long written) {
        /** No stamp, or a collector's claim: the module may have left the cluster's map meanwhile. */
        boolean mayBeGone() {
            return previous == null || previous < 0;
        }

        /** Whether an earlier store (an upload, another deploy) still kept the module at {@code at}. */
        boolean keptBefore(long at) {
            return previous != null && previous > at;
        }
    }

    private final AsyncMap<String, Long> shared;

    private ModuleStamps(AsyncMap<String, Long> shared) {
        this.shared = shared;
    }

    static Future<ModuleStamps> open(Vertx vertx) {
        return vertx.sharedData().<String, Long>getAsyncMap(MAP).map(ModuleStamps::new);
    }

    static long now() {
        return System.currentTimeMillis();
    }

    /** A claim: negative, unique enough that two collectors never hold the same one, and telling when it began. */
    static long newClaim() {
        return -((now() << CLAIM_NONCE_BITS) | ThreadLocalRandom.current().nextLong(1L << CLAIM_NONCE_BITS));
    }

    /** Whether a stamp lets a collector that read the records at {@code readAt} take the module. */
    static boolean collectable(Long stamp, long readAt) {
        if (stamp == null) {
            return true;
        }
        if (stamp < 0) { // another collector's claim: its own business, unless its node died with it
            return (-stamp >> CLAIM_NONCE_BITS) + ABANDONED_CLAIM_MILLIS <= readAt;
        }
        return stamp <= readAt;
    }

    /**
     * Keeps the module at least until {@code until}: the later of that and the current stamp, and never the same
     * value (a claim taken on the old one then fails). Overwrites a claim.
     */
    Future<Kept> keep(String sha256, long until) {
        return keep(sha256, until, 1);
    }

    private Future<Kept> keep(String sha256, long until, int attempt) {
        return shared.get(sha256).compose(current -> {
            long next = current == null || current < 0 ? until : Math.max(current + 1, until);
            Future<Boolean> written = current == null
                    ? shared.putIfAbsent(sha256, next).map(previous -> previous == null)
                    : shared.replaceIfPresent(sha256, current, next);
            return written.compose(done -> {
                if (done) {
                    return Future.succeededFuture(new Kept(current, next));
                }
                if (attempt >= MAX_ATTEMPTS) {
                    return Future.failedFuture(new IllegalStateException("module " + sha256
                            + " kept changing while its store tried to stamp it"));
                }
                return keep(sha256, until, attempt + 1);
            });
        });
    }

    /**
     * Gives up the keep a store wrote, when nobody stored the module since: a refused deploy's module may then be
     * collected at once.
     *
     * @return whether the stamp was still the one written
     */
    Future<Boolean> release(String sha256, long written) {
        return shared.replaceIfPresent(sha256, written, 0L);
    }

    Future<Map<String, Long>> all() {
        return shared.entries();
    }

    Future<Long> get(String sha256) {
        return shared.get(sha256);
    }

    /**
     * Claims the module for collection if its stamp is still {@code seen} (null: none).
     *
     * @return the claim, or null when someone stamped the module since
     */
    Future<Long> claim(String sha256, Long seen) {
        long claim = newClaim();
        Future<Boolean> claimed = seen == null
                ? shared.putIfAbsent(sha256, claim).map(previous -> previous == null)
                : shared.replaceIfPresent(sha256, seen, claim);
        return claimed.map(done -> done ? claim : null);
    }

    /** Drops a stamp that is still {@code seen}: the claim of a finished collection, or a stamp with no module. */
    Future<Void> drop(String sha256, long seen) {
        return shared.removeIfPresent(sha256, seen).mapEmpty();
    }
}
