package dev.wedge.host.kv;

import static dev.wedge.host.abi.AbiFunction.wedge;
import static dev.wedge.host.engine.ValueType.F64;
import static dev.wedge.host.engine.ValueType.I32;
import static dev.wedge.host.engine.ValueType.I64;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.Status;
import dev.wedge.host.engine.Signature;
import dev.wedge.kv.ScanPage;
import dev.wedge.kv.ScoredMember;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** The {@code wedge.kv_*} imports: argument checks, the store call, and the encoded result. */
public final class KvImports {

    private static final long MUST_BE_ABSENT = 0xFFFFFFFFL;

    private KvImports() {}

    public static <S extends KvGuestContext> List<AbiFunction<S>> functions() {
        List<AbiFunction<S>> all = new ArrayList<>(plainKeys());
        all.addAll(atomics());
        all.addAll(scansAndSortedSets());
        return all;
    }

    /** Opening a store, and reading, writing and deleting single keys. */
    private static <S extends KvGuestContext> List<AbiFunction<S>> plainKeys() {
        return List.of(
                wedge("kv_open", 3, (S scope, HostCall call) -> {
                    call.check(call.u32(2), 4);
                    call.writeU32(call.u32(2), scope.kv().open(call.utf8(0, 1)));
                    return Status.OK;
                }),
                wedge("kv_get", 6, (S scope, HostCall call) -> {
                    KvAccess.Opened store = store(scope, call);
                    String key = key(call, 1);
                    call.checkOut(3, 4, 5);
                    return deliver(scope, call, "get\0" + call.i32(0) + "\0" + key, 3,
                            () -> scope.kv().await("get", store, store.view().get(key)));
                }),
                wedge("kv_get_many", 6, (S scope, HostCall call) -> {
                    KvAccess.Opened store = store(scope, call);
                    List<String> keys = KvEncoding.keyList(call.bytes(1, 2));
                    call.checkOut(3, 4, 5);
                    return deliver(scope, call, "mget\0" + call.i32(0) + "\0" + keys, 3,
                            () -> KvEncoding.values(
                                    scope.kv().await("get_many", store, store.view().getMany(keys))));
                }),
                wedge("kv_set", Signature.of(List.of(I32, I32, I32, I32, I32, I64), List.of(I32)),
                        (S scope, HostCall call) -> {
                            KvAccess.Opened store = store(scope, call);
                            String key = key(call, 1);
                            byte[] value = value(store, call, 3);
                            long ttl = call.i64(5);
                            if (ttl < 0) {
                                return Status.BAD_ARGUMENT;
                            }
                            scope.kv().await("set", store, store.view().set(key, value, Duration.ofMillis(ttl)));
                            return Status.OK;
                        }),
                keyQuery("kv_delete", (store, key) -> store.view().delete(key)),
                keyQuery("kv_exists", (store, key) -> store.view().exists(key)));
    }

    /** Read-modify-write operations the store makes atomic. */
    private static <S extends KvGuestContext> List<AbiFunction<S>> atomics() {
        return List.of(
                wedge("kv_incr", Signature.of(List.of(I32, I32, I32, I64, I32), List.of(I32)),
                        (S scope, HostCall call) -> {
                            KvAccess.Opened store = store(scope, call);
                            String key = key(call, 1);
                            call.check(call.u32(4), 8);
                            long value = scope.kv().await("incr", store, store.view().incr(key, call.i64(3)));
                            call.writeU64(call.u32(4), value);
                            return Status.OK;
                        }),
                wedge("kv_cas", 7, (S scope, HostCall call) -> {
                    KvAccess.Opened store = store(scope, call);
                    String key = key(call, 1);
                    byte[] expected = call.u32(4) == MUST_BE_ABSENT ? null : call.bytes(3, 4);
                    byte[] value = value(store, call, 5);
                    boolean swapped = scope.kv().await("cas", store,
                            store.view().compareAndSet(key, expected, value));
                    return swapped ? Status.OK : Status.CONFLICT;
                }));
    }

    /** Scans (keys by pattern) and sorted sets. */
    private static <S extends KvGuestContext> List<AbiFunction<S>> scansAndSortedSets() {
        return List.of(
                wedge("kv_scan", 9, (S scope, HostCall call) -> {
                    KvAccess.Opened store = store(scope, call);
                    String pattern = call.utf8(1, 2);
                    String cursor = call.utf8(3, 4);
                    int limit = KvEncoding.limit(call.i32(5));
                    call.checkOut(6, 7, 8);
                    String callKey = "scan\0" + call.i32(0) + "\0" + pattern + "\0" + cursor + "\0" + limit;
                    return deliver(scope, call, callKey, 6,
                            () -> KvEncoding.keys(
                                    scope.kv().await("scan", store, store.view().scan(pattern, cursor, limit))));
                }),
                wedge("kv_zadd", Signature.of(List.of(I32, I32, I32, F64, I32, I32), List.of(I32)),
                        (S scope, HostCall call) -> {
                            KvAccess.Opened store = store(scope, call);
                            String key = key(call, 1);
                            double score = KvEncoding.score(call.f64(3));
                            byte[] member = value(store, call, 4);
                            scope.kv().await("zadd", store, store.view().zadd(key, score, member));
                            return Status.OK;
                        }),
                wedge("kv_zrange_by_score",
                        Signature.of(List.of(I32, I32, I32, F64, F64, I32, I32, I32, I32), List.of(I32)),
                        (S scope, HostCall call) -> {
                            KvAccess.Opened store = store(scope, call);
                            String key = key(call, 1);
                            double min = KvEncoding.score(call.f64(3));
                            double max = KvEncoding.score(call.f64(4));
                            int limit = KvEncoding.limit(call.i32(5));
                            call.checkOut(6, 7, 8);
                            return deliver(scope, call, "zrange\0" + call.i32(0) + "\0" + key + "\0" + min + "\0" + max
                                    + "\0" + limit, 6, () -> KvEncoding.members(null,
                                    scope.kv().await("zrange_by_score", store,
                                            store.view().zrangeByScore(key, min, max, limit))));
                        }),
                wedge("kv_zscan", 11, (S scope, HostCall call) -> {
                    KvAccess.Opened store = store(scope, call);
                    String key = key(call, 1);
                    String pattern = call.utf8(3, 4);
                    String cursor = call.utf8(5, 6);
                    int limit = KvEncoding.limit(call.i32(7));
                    call.checkOut(8, 9, 10);
                    return deliver(scope, call, "zscan\0" + call.i32(0) + "\0" + key + "\0" + pattern + "\0" + cursor
                            + "\0" + limit, 8, () -> {
                                ScanPage<ScoredMember> page = scope.kv().await("zscan", store,
                                        store.view().zscan(key, pattern, cursor, limit));
                                return KvEncoding.members(page.nextCursor(), page.items());
                            });
                }));
    }

    /** {@code (h, key, key_len) -> status}: OK when the store answers true, NOT_FOUND when false. */
    private static <S extends KvGuestContext> AbiFunction<S> keyQuery(String name,
            BiFunction<KvAccess.Opened, String, Future<Boolean>> query) {
        return wedge(name, 3, (S scope, HostCall call) -> {
            KvAccess.Opened store = store(scope, call);
            String key = key(call, 1);
            return scope.kv().await(name.substring("kv_".length()), store, query.apply(store, key)) ? Status.OK
                    : Status.NOT_FOUND;
        });
    }

    private static KvAccess.Opened store(KvGuestContext scope, HostCall call) {
        return scope.kv().handle(call.i32(0));
    }

    private static String key(HostCall call, int ptrIndex) {
        return KvEncoding.key(call.utf8(ptrIndex, ptrIndex + 1));
    }

    /** Reads a value argument, refusing sizes the store does not accept before copying anything. */
    private static byte[] value(KvAccess.Opened store, HostCall call, int ptrIndex) {
        call.check(call.u32(ptrIndex), call.u32(ptrIndex + 1));
        if (call.u32(ptrIndex + 1) > store.config().maxValueBytes()) {
            throw new AbiException(Status.VALUE_TOO_LARGE, "values are limited to " + store.config().maxValueBytes());
        }
        return call.bytes(ptrIndex, ptrIndex + 1);
    }

    /**
     * Writes a fetched result with the out-buffer convention starting at argument {@code bufIndex}; an absent
     * (null) result is NOT_FOUND. A too-small buffer keeps the result for the retry.
     */
    private static Status deliver(KvGuestContext scope, HostCall call, String callKey, int bufIndex,
            Supplier<byte[]> fetch) {
        byte[] result = scope.memo().recall(callKey, fetch);
        if (result == null) {
            return scope.memo().settle(callKey, null, Status.NOT_FOUND);
        }
        return scope.memo().settle(callKey, result, call.writeOut(result, bufIndex, bufIndex + 1, bufIndex + 2));
    }
}
