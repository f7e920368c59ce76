package dev.wedge.deploy;

import dev.wedge.server.LiveApps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Module garbage collection, run by every node after each periodic sync, and at once for the module of a
 * refused deploy. A module is wanted while a record of the cluster names it in one of its kept versions, while
 * this node works with it (pinned), or while its stamp keeps it (a deploy in flight, an upload waiting for a
 * deploy). One pass:
 * <ol>
 *   <li>reads this node's module files, the cluster map's modules, the stamps, then the records, in that order;
 *   <li>takes out of the cluster's map each module nobody wants: claims it (a compare-and-set on the stamp it
 *       read), removes it, then checks its claim still stands; a store that came meanwhile replaced the claim,
 *       and the module goes back;
 *   <li>shares modules a record names that this node has and the map lost;
 *   <li>deletes from this node's disk what is neither wanted, running here nor in the map, and closes compiled
 *       modules left without a file.
 * </ol>
 * Any node may collect any module: claims make that safe, so no node has to be elected, and one that dies
 * mid-pass leaves at worst a claim that the others take over after {@link ModuleStamps#ABANDONED_CLAIM_MILLIS}.
 * docs/cluster.md explains why a deploy racing a pass never loses its module.
 */
final class ModuleSweep {

    private static final Logger LOG = Logger.getLogger(ModuleSweep.class.getName());

    /** What one pass saw, read in this order (see {@link #look}). */
    private record Seen(Set<String> files, Set<String> shared, Map<String, Long> stamps, long readAt,
            Set<String> named) {}

    private final Vertx vertx;
    private final ModuleStore modules;
    private final ModuleStamps stamps;
    private final RecordStore<AppRecord> records;
    private final ModulePins pins;
    private final LiveApps live;
    private final AppLoading loading;

    ModuleSweep(Vertx vertx, ModuleStore modules, RecordStore<AppRecord> records, ModulePins pins, LiveApps live,
            AppLoading loading) {
        this.vertx = vertx;
        this.modules = modules;
        this.stamps = modules.stamps();
        this.records = records;
        this.pins = pins;
        this.live = live;
        this.loading = loading;
    }

    /** The periodic pass, over every module. */
    Future<Void> run() {
        return pass(sha256 -> true, true);
    }

    /** A pass over one module, such as a refused deploy's once its stamp is released. */
    Future<Void> collect(String sha256) {
        return pass(sha256::equals, false);
    }

    private Future<Void> pass(Predicate<String> scope, boolean whole) {
        return look().compose(seen -> collectShared(seen, scope)
                .compose(collected -> (whole ? heal(seen) : Future.<Void>succeededFuture())
                        .compose(done -> cleanLocal(seen, collected, scope)))
                .compose(done -> whole ? dropStaleStamps(seen) : Future.succeededFuture()));
    }

    /**
     * Files first: a file listed was in the map before its keys were read (a fetch reads the map before it
     * writes; this node's own stores are pinned). Stamps before records: a store that stamped after the stamps
     * were read makes the claim fail; one that stamped before and whose keep ran out before the records were
     * read stores the module again once its record is written ({@link ModuleStore#confirm}).
     */
    private Future<Seen> look() {
        return modules.localModules().compose(files -> modules.sharedModules().compose(shared -> stamps.all()
                .compose(stamped -> {
                    long readAt = ModuleStamps.now();
                    return records.all().map(all -> new Seen(files, shared, stamped, readAt, named(all.values())));
                })));
    }

    private static Set<String> named(Collection<AppRecord> all) {
        Set<String> named = new HashSet<>();
        all.forEach(record -> record.versions().forEach(version -> named.add(version.sha256())));
        return named;
    }

    /** One module at a time: a pass over thousands of modules must not flood the cluster with requests. */
    private Future<Set<String>> collectShared(Seen seen, Predicate<String> scope) {
        Set<String> collected = new HashSet<>();
        Future<Void> chain = Future.succeededFuture();
        for (String sha256 : seen.shared()) {
            Long stamp = seen.stamps().get(sha256);
            if (scope.test(sha256) && !seen.named().contains(sha256) && !pins.pinned(sha256)
                    && ModuleStamps.collectable(stamp, seen.readAt())) {
                chain = chain.compose(done -> collectOne(sha256, stamp)
                        .recover(failure -> {
                            LOG.log(Level.WARNING, "deploy: could not collect module " + sha256 + ": " + failure);
                            return Future.succeededFuture(false);
                        })
                        .map(taken -> {
                            if (taken) {
                                collected.add(sha256);
                            }
                            return null;
                        }));
            }
        }
        return chain.map(done -> {
            if (!collected.isEmpty()) {
                LOG.fine(() -> "deploy: collected " + collected.size() + " modules no version names");
            }
            return collected;
        });
    }

    private Future<Boolean> collectOne(String sha256, Long seen) {
        return stamps.claim(sha256, seen).compose(claim -> {
            if (claim == null) {
                return Future.succeededFuture(false); // stored again since the stamps were read
            }
            return modules.unshare(sha256).compose(bytes -> stamps.get(sha256).compose(now -> {
                if (claim.equals(now)) {
                    return stamps.drop(sha256, claim).map(true);
                }
                // Stored since the claim; that store may have found the module still in the map: put it back.
                return bytes == null ? Future.succeededFuture(false) : modules.reshare(sha256, bytes).map(false);
            }));
        });
    }

    private Future<Void> heal(Seen seen) {
        Set<String> lost = new HashSet<>(seen.files());
        lost.retainAll(seen.named());
        lost.removeAll(seen.shared());
        return lost.isEmpty() ? Future.succeededFuture() : modules.share(lost);
    }

    private Future<Void> cleanLocal(Seen seen, Set<String> collected, Predicate<String> scope) {
        Set<String> running = running();
        Predicate<String> wanted = sha256 -> seen.named().contains(sha256) || pins.pinned(sha256)
                || running.contains(sha256);
        Set<String> gone = new HashSet<>();
        for (String sha256 : seen.files()) {
            boolean shared = seen.shared().contains(sha256) && !collected.contains(sha256);
            if (scope.test(sha256) && !shared && !wanted.test(sha256)) {
                gone.add(sha256);
            }
        }
        Set<String> kept = new HashSet<>(seen.files());
        kept.removeAll(gone);
        return modules.deleteLocal(gone).compose(done -> vertx.executeBlocking(() -> loading.evictCompiled(
                sha256 -> scope.test(sha256) && !kept.contains(sha256) && !wanted.test(sha256)), false)).mapEmpty();
    }

    /** The versions this node runs: a record may no longer name one this node has not yet swapped out. */
    private Set<String> running() {
        Set<String> running = new HashSet<>();
        live.all().values().stream().filter(mine -> mine.app() != null)
                .forEach(mine -> running.add(mine.app().app().sha256()));
        return running;
    }

    /** Stamps of modules the map does not have, once they ran out: a store that failed, a finished claim. */
    private Future<Void> dropStaleStamps(Seen seen) {
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, Long> stamp : seen.stamps().entrySet()) {
            if (!seen.shared().contains(stamp.getKey()) && ModuleStamps.collectable(stamp.getValue(), seen.readAt())) {
                chain = chain.compose(done -> stamps.drop(stamp.getKey(), stamp.getValue()));
            }
        }
        return chain;
    }
}
