package dev.wedge.cache;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One site's HTTP cache in front of its origin (docs/cache.md): looks a request up, answers from a stored entry
 * when the rules allow, revalidates a stale one, and otherwise asks the origin, storing what may be stored while
 * the body streams on to the client. Concurrent misses for one key make one origin request (collapsing); the
 * others wait for it, bounded, and are answered from what it stored. Never blocks.
 */
public final class SiteCache {

    /** The response header that says how the cache answered. */
    public static final String X_CACHE = "x-cache";
    /** A request header, from the client or a request-phase app: {@code bypass} sends the request past the cache. */
    public static final String CONTROL = "x-wedge-cache";

    /**
     * One request to the site's origin, as the request-phase apps left it.
     *
     * @param host the Host the origin is asked with
     * @param target path and query
     * @param stream whether the origin's body may stream to the client (no app reads it)
     * @param collapseWait how long a collapsed request waits for the one in flight before asking the origin itself
     */
    public record Request(String method, String host, String target, MultiMap headers, boolean stream,
            Duration collapseWait) {}

    /** A request on its way through the cache: its key and the headers the origin gets. */
    private record Call(Request request, String key, String resource, MultiMap originHeaders) {}

    /** One origin request that fills an entry, which collapsed requests wait on; completes once. */
    private final class Fill {
        final String fullKey;
        final Promise<Entry> done = Promise.promise();
        final long generation = store.generation();
        private volatile long release = -1;

        Fill(String fullKey) {
            this.fullKey = fullKey;
        }

        /**
         * This fill leads for its key; the key is released after {@code wait} however it goes (an answer the
         * runner gave up waiting for is never read to its end), while a late entry is still stored.
         */
        Fill leading(Duration wait) {
            release = vertx.setTimer(Math.max(1, wait.toMillis()), late -> handOver(null));
            return this;
        }

        void finish(Entry entry) {
            vertx.cancelTimer(release);
            if (entry != null && store.generation() != generation) {
                entry = null; // a purge ran meanwhile: what this fill holds may be what it removed
            }
            if (entry != null) {
                store.put(entry);
            }
            handOver(entry);
        }

        /** Ends the fill with {@code entry} (stored already, or null), waking who waits on it. */
        void handOver(Entry entry) {
            inFlight.remove(fullKey, done.future());
            done.tryComplete(entry);
        }
    }

    private final Vertx vertx;
    private final String site;
    private final CacheSettings settings;
    private final Store store;
    private final LongSupplier clock;
    private final CacheStats stats;
    private final ConcurrentMap<String, Future<Entry>> inFlight = new ConcurrentHashMap<>();

    SiteCache(Vertx vertx, String site, CacheSettings settings, Store store, LongSupplier clock, CacheStats stats) {
        this.vertx = vertx;
        this.stats = stats;
        this.site = site;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    public CacheSettings settings() {
        return settings;
    }

    public CacheStats stats() {
        return stats;
    }

    /**
     * A fresh entry's answer for {@code request}, or null: the caller then serves the request through {@link
     * #serve} (a miss, a stale entry, a bypass). Asks no origin and starts no fill, so a node may try it before
     * anything else runs (docs/cache.md, "Hits on the event loop").
     */
    public Future<Reply> freshHit(Request request) {
        if (bypassed(request)) {
            return Future.succeededFuture();
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers()).remove(CONTROL);
        var call = new Call(request, site + '\0' + settings.key().of(request.host(), request.target(), headers),
                request.host().toLowerCase(Locale.ROOT) + request.target(), headers);
        return store.get(store.fullKey(call.key(), headers)).map(entry -> usable(call, entry)
                && entry.staleness(clock.getAsLong()) < 0 ? hit(call, entry, "HIT") : null);
    }

    private boolean bypassed(Request request) {
        return !settings.enabled() || "bypass".equalsIgnoreCase(String.valueOf(request.headers().get(CONTROL)).strip())
                || !Policy.cacheableMethod(request.method())
                || Directives.parse(request.headers().getAll("cache-control")).has("no-store");
    }

    /** The response for {@code request}: from the cache, or from {@code origin} through it. */
    public Future<Reply> serve(Request request, Origin origin) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers()).remove(CONTROL);
        String resource = request.host().toLowerCase(Locale.ROOT) + request.target();
        if (bypassed(request)) {
            stats.bypasses.increment();
            return origin.fetch(request.method(), headers, request.stream()).map(reply -> {
                if (Policy.invalidates(request.method(), reply.status())) {
                    store.remove(entry -> entry.site().equals(site) && entry.resource().equals(resource));
                }
                return Heads.labelled(reply, "BYPASS");
            });
        }
        var call = new Call(request, site + '\0' + settings.key().of(request.host(), request.target(), headers),
                resource, Heads.fillHeaders(headers));
        String fullKey = store.fullKey(call.key(), headers);
        return store.get(fullKey).compose(entry -> usable(call, entry)
                ? fromEntry(call, origin, entry, fullKey)
                : miss(call, origin, fullKey));
    }

    private static boolean usable(Call call, Entry entry) {
        return entry != null && (!call.request().headers().contains("authorization") || entry.freshness().authorized());
    }

    private Future<Reply> fromEntry(Call call, Origin origin, Entry entry, String fullKey) {
        long staleness = entry.staleness(clock.getAsLong());
        if (staleness < 0) {
            return Future.succeededFuture(hit(call, entry, "HIT"));
        }
        if (staleness < entry.freshness().staleWhileRevalidateMillis()) {
            refresh(call, origin, entry, fullKey);
            return Future.succeededFuture(hit(call, entry, "STALE"));
        }
        var fill = new Fill(fullKey);
        Future<Entry> running = inFlight.putIfAbsent(fullKey, fill.done.future());
        return running != null ? waitFor(call, origin, running, entry)
                : fetch(call, origin, entry, fill.leading(call.request().collapseWait()));
    }

    private Future<Reply> miss(Call call, Origin origin, String fullKey) {
        if (call.request().method().equals("HEAD") || call.request().headers().contains("range")) {
            // answered by the origin as asked; a range miss also fills the whole object for the next ones
            if (call.request().method().equals("GET")) {
                refresh(call, origin, null, fullKey);
            }
            stats.misses.increment();
            return origin.fetch(call.request().method(), call.request().headers().copy().remove(CONTROL),
                    call.request().stream()).map(reply -> Heads.labelled(reply, "MISS"));
        }
        var fill = new Fill(fullKey);
        Future<Entry> running = inFlight.putIfAbsent(fullKey, fill.done.future());
        if (running != null) {
            return waitFor(call, origin, running, null);
        }
        Entry filledMeanwhile = store.inMemory(fullKey); // by a fill that ended while this one looked on disk
        if (usable(call, filledMeanwhile) && filledMeanwhile.staleness(clock.getAsLong()) < 0) {
            fill.handOver(filledMeanwhile);
            return Future.succeededFuture(hit(call, filledMeanwhile, "HIT"));
        }
        return fetch(call, origin, null, fill.leading(call.request().collapseWait()));
    }

    /**
     * A collapsed request: waits for the fill in flight, at most {@code wait}, then answers from what it stored;
     * asks the origin itself if that was nothing it may use, or took too long.
     */
    private Future<Reply> waitFor(Call call, Origin origin, Future<Entry> running, Entry stale) {
        Promise<Entry> bounded = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, call.request().collapseWait().toMillis()), late -> bounded.tryComplete(null));
        running.onComplete(filled -> {
            vertx.cancelTimer(timer);
            bounded.tryComplete(filled.succeeded() ? filled.result() : null);
        });
        return bounded.future().compose(entry -> {
            boolean fits = entry != null && usable(call, entry)
                    && Store.variantKey(call.key(), entry.vary(), call.request().headers()).equals(entry.key())
                    && entry.staleness(clock.getAsLong()) < 0;
            return fits ? Future.succeededFuture(hit(call, entry, "HIT")) : fetch(call, origin, stale, null);
        });
    }

    /** A stale entry refreshed in the background (stale-while-revalidate, a range miss): one at a time per key. */
    private void refresh(Call call, Origin origin, Entry stale, String fullKey) {
        var fill = new Fill(fullKey);
        if (inFlight.putIfAbsent(fullKey, fill.done.future()) != null) {
            return;
        }
        var quiet = new Call(new Request("GET", call.request().host(), call.request().target(),
                call.request().headers(), true, call.request().collapseWait()), call.key(), call.resource(),
                call.originHeaders());
        fetch(quiet, origin, stale, fill.leading(call.request().collapseWait())).onSuccess(reply -> {
            Deferred deferred = reply.deferred();
            if (deferred != null && !deferred.settled()) { // before-store: no apps run here, nothing to store
                deferred.drop();
                discard(reply);
            } else if (reply.stream() instanceof Tee tee) {
                tee.drain();
            } else {
                discard(reply);
            }
        });
    }

    /**
     * Asks the origin for the whole object (conditionally, when a stale entry has a validator) and answers: the
     * refreshed entry on a 304, the stale one on an error it may cover, else the origin's response, stored as it
     * passes when the rules allow. {@code fill} null: nobody waits on this one.
     */
    private Future<Reply> fetch(Call call, Origin origin, Entry stale, Fill fill) {
        MultiMap headers = call.originHeaders().copy();
        if (stale != null) {
            MultiMap head = stale.head();
            if (head.contains("etag")) {
                headers.set("if-none-match", head.get("etag"));
            }
            if (head.contains("last-modified")) {
                headers.set("if-modified-since", head.get("last-modified"));
            }
        }
        return origin.fetch("GET", headers, call.request().stream()).map(reply -> answer(call, stale, fill, reply))
                .recover(failed -> {
                    finish(fill, null);
                    return stale != null && coversError(stale) ? Future.succeededFuture(hit(call, stale, "STALE"))
                            : Future.failedFuture(failed);
                });
    }

    private Reply answer(Call call, Entry stale, Fill fill, Reply reply) {
        long now = clock.getAsLong();
        if (stale != null && reply.status() == 304) {
            discard(reply);
            MultiMap head = stale.updatedHead(reply.headers());
            Freshness fresh = Policy.storable(settings, call.originHeaders(), stale.status(), head, now);
            Entry refreshed = stale.revalidated(head, fresh != null ? fresh : stale.freshness(),
                    Policy.age(reply.headers()), now);
            finish(fill, fresh != null ? refreshed : null); // no longer storable: served this once
            return hit(call, refreshed, "REVALIDATED");
        }
        if (stale != null && reply.status() >= 500 && coversError(stale)) {
            discard(reply);
            finish(fill, null);
            return hit(call, stale, "STALE");
        }
        stats.misses.increment();
        Freshness fresh = Policy.storable(settings, call.originHeaders(), reply.status(), reply.headers(), now);
        String declared = reply.headers().get("content-length");
        if (fresh == null || declared != null && declared.length() < 19 && declared.chars().allMatch(Character::isDigit)
                && Long.parseLong(declared) > settings.maxObjectBytes()) {
            finish(fill, null);
            if (stale != null) { // what it held is outdated and its replacement may not be stored
                store.remove(entry -> entry.key().equals(stale.key()));
            }
            return Heads.labelled(reply, "MISS");
        }
        List<String> vary = Heads.varyNames(reply.headers());
        var template = new Entry(Store.variantKey(call.key(), vary, call.request().headers()), site, call.resource(),
                reply.status(), StoredHeaders.list(reply.headers()), null, now, Policy.age(reply.headers()), fresh, vary,
                Heads.tags(reply.headers()));
        if (settings.responseApps() == CacheSettings.ResponseApps.BEFORE_STORE) {
            return Heads.labelled(afterApps(call, fill, reply, template), "MISS");
        }
        if (reply.stream() == null) {
            finish(fill, reply.body().length <= settings.maxObjectBytes() ? template.withBody(reply.body()) : null);
            return Heads.labelled(reply, "MISS");
        }
        var tee = new Tee(reply.stream(), settings.maxObjectBytes(), body -> finish(fill, template.withBody(body)),
                () -> finish(fill, null));
        return Heads.labelled(new Reply(reply.status(), reply.headers(), reply.body(), tee), "MISS");
    }

    /**
     * {@code response-apps: before-store}: the entry is stored as the response apps leave the origin's response,
     * once the node says what that is ({@link Deferred#keep}); its freshness is read again from the head they left.
     * A fill nobody runs the apps for (a background refresh) stores nothing.
     */
    private Reply afterApps(Call call, Fill fill, Reply reply, Entry template) {
        AtomicReference<Entry> kept = new AtomicReference<>();
        AtomicBoolean told = new AtomicBoolean();
        BodyStream stream = reply.stream() == null ? null : new Tee(reply.stream(), settings.maxObjectBytes(),
                body -> finish(fill, kept.get() == null ? null : kept.get().withBody(body)), () -> finish(fill, null));
        var deferred = new Deferred() {
            @Override
            public boolean settled() {
                return false;
            }

            @Override
            public void keep(int status, MultiMap headers, byte[] body) {
                if (!told.compareAndSet(false, true)) {
                    return;
                }
                Freshness fresh = Policy.storable(settings, call.originHeaders(), status, headers, clock.getAsLong());
                Entry entry = fresh == null ? null : new Entry(template.key(), site, call.resource(), status,
                        StoredHeaders.list(headers), null, template.storedAt(), template.initialAge(), fresh,
                        template.vary(), template.tags());
                if (body != null) {
                    finish(fill, entry != null && body.length <= settings.maxObjectBytes() ? entry.withBody(body)
                            : null);
                } else {
                    kept.set(entry); // stored when the streaming body is whole
                }
            }

            @Override
            public void drop() {
                if (told.compareAndSet(false, true)) {
                    finish(fill, null);
                }
            }
        };
        return new Reply(reply.status(), reply.headers(), reply.body(), stream, deferred);
    }

    private static void finish(Fill fill, Entry entry) {
        if (fill != null) {
            fill.finish(entry);
        }
    }

    private boolean coversError(Entry stale) {
        return stale.staleness(clock.getAsLong()) < stale.freshness().staleIfErrorMillis();
    }

    private static void discard(Reply reply) {
        if (reply.stream() != null) {
            reply.stream().discard();
        }
    }

    /**
     * An answer from a stored entry, with its Age: a 304 when the client's condition holds, the entry's head
     * alone for HEAD, one range of its body for a Range request, else the whole body.
     */
    private Reply hit(Call call, Entry entry, String label) {
        stats.hits.increment();
        MultiMap head = entry.head();
        head.set("age", Long.toString(entry.age(clock.getAsLong())));
        head.set(X_CACHE, label);
        MultiMap request = call.request().headers();
        if (Heads.notModified(request, head)) {
            return settled(new Reply(304, head, new byte[0]));
        }
        Reply ranged = request.contains("range") && entry.status() == 200
                ? Ranges.apply(request.get("range"), request, head, entry.body()) : null;
        Reply reply = ranged != null ? ranged : new Reply(entry.status(), head, entry.body());
        if (!call.request().method().equals("HEAD")) {
            stats.bytesServed.add(reply.body().length);
        }
        return settled(reply);
    }

    /** With {@code response-apps: before-store} a stored answer is what the apps made: they do not run again. */
    private Reply settled(Reply reply) {
        return settings.responseApps() == CacheSettings.ResponseApps.BEFORE_STORE ? reply.with(Deferred.SETTLED)
                : reply;
    }

}
