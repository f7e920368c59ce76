package dev.wedge.host.kv;

import static dev.wedge.host.abi.AbiFunction.proxy;
import static dev.wedge.host.engine.ValueType.F64;
import static dev.wedge.host.engine.ValueType.I32;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import dev.wedge.host.abi.Status;
import dev.wedge.host.engine.Signature;
import dev.wedge.kv.ScanPage;
import dev.wedge.kv.ScoredMember;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * FastEdge's key-value extension of proxy-wasm ({@code env.proxy_kv_store_*}): the same stores, bindings and
 * namespaces as the {@code wedge.kv_*} imports, read-only as on FastEdge, with results in memory the guest
 * allocates. Lists are {@code u32 count, u32 size per item, then each item and a NUL}; a sorted-set item is its
 * member then its score (f64, little-endian). Scans are whole (FastEdge's have no cursor), up to
 * {@link #MAX_ITEMS} items.
 */
public final class KvProxyImports {

    static final int MAX_ITEMS = 10_000;
    private static final int PAGE = 1000;
    // FastEdge's SDKs read these codes for open: 1 no such store, 2 access denied.
    private static final int NO_SUCH_STORE = 1;
    private static final int ACCESS_DENIED = 2;

    private KvProxyImports() {}

    public static <S extends KvGuestContext> List<AbiFunction<S>> functions() {
        return List.of(
                proxy("proxy_kv_store_open", 3, (S scope, HostCall call) -> {
                    String name = call.utf8(0, 1);
                    call.check(call.u32(2), 4);
                    try {
                        call.writeU32(call.u32(2), scope.kv().open(name));
                        return ProxyStatus.OK;
                    } catch (AbiException e) {
                        return e.code() == Status.ACCESS_DENIED.code() ? ACCESS_DENIED : NO_SUCH_STORE;
                    }
                }),
                proxy("proxy_kv_store_get", 5, (S scope, HostCall call) -> give(scope, call, 3, () -> {
                    KvAccess.Opened store = scope.kv().handle(call.i32(0));
                    return scope.kv().await("get", store, store.view().get(key(call, 1)));
                })),
                proxy("proxy_kv_store_scan", 5, (S scope, HostCall call) -> give(scope, call, 3, () -> {
                    KvAccess.Opened store = scope.kv().handle(call.i32(0));
                    String pattern = call.utf8(1, 2);
                    return list(whole(cursor -> scope.kv().await("scan", store,
                            store.view().scan(pattern, cursor, PAGE))).stream()
                            .map(key -> key.getBytes(StandardCharsets.UTF_8)).toList());
                })),
                proxy("proxy_kv_store_zrange_by_score",
                        Signature.of(List.of(I32, I32, I32, F64, F64, I32, I32), List.of(I32)),
                        (S scope, HostCall call) -> give(scope, call, 5, () -> {
                            KvAccess.Opened store = scope.kv().handle(call.i32(0));
                            String key = key(call, 1);
                            double min = KvEncoding.score(call.f64(3));
                            double max = KvEncoding.score(call.f64(4));
                            return scored(scope.kv().await("zrange_by_score", store,
                                    store.view().zrangeByScore(key, min, max, MAX_ITEMS)));
                        })),
                proxy("proxy_kv_store_zscan", 7, (S scope, HostCall call) -> give(scope, call, 5, () -> {
                    KvAccess.Opened store = scope.kv().handle(call.i32(0));
                    String key = key(call, 1);
                    String pattern = call.utf8(3, 4);
                    return scored(whole(cursor -> scope.kv().await("zscan", store,
                            store.view().zscan(key, pattern, cursor, PAGE))));
                })),
                proxy("proxy_kv_store_bf_exists", 6, (S scope, HostCall call) -> {
                    KvAccess.Opened store = scope.kv().handle(call.i32(0));
                    String key = key(call, 1);
                    String item = call.utf8(3, 4);
                    call.check(call.u32(5), 4);
                    boolean found = scope.kv().await("bf_exists", store, store.view().bfExists(key, item));
                    call.writeU32(call.u32(5), found ? 1 : 0);
                    return ProxyStatus.OK;
                }));
    }

    private interface Fetch {
        byte[] get();
    }

    /** Fetches a value and hands it over in guest memory; an absent value is NOT_FOUND; store failures map. */
    private static <S extends KvGuestContext> int give(S scope, HostCall call, int addressSlot, Fetch fetch) {
        call.check(call.u32(addressSlot), 4);
        call.check(call.u32(addressSlot + 1), 4);
        byte[] value;
        try {
            value = fetch.get();
        } catch (AbiException e) {
            return e.code() == Status.BAD_ARGUMENT.code() ? ProxyStatus.BAD_ARGUMENT : ProxyStatus.INTERNAL_FAILURE;
        }
        if (value == null) {
            return ProxyStatus.NOT_FOUND;
        }
        return call.writeAllocated(value, scope::allocate, call.u32(addressSlot), call.u32(addressSlot + 1))
                ? ProxyStatus.OK : ProxyStatus.INTERNAL_FAILURE;
    }

    private static String key(HostCall call, int ptrIndex) {
        return KvEncoding.key(call.utf8(ptrIndex, ptrIndex + 1));
    }

    /** Every page of a scan, up to {@link #MAX_ITEMS} items. */
    private static <T> List<T> whole(Function<String, ScanPage<T>> page) {
        List<T> items = new ArrayList<>();
        String cursor = "";
        do {
            ScanPage<T> next = page.apply(cursor);
            items.addAll(next.items());
            cursor = next.nextCursor();
        } while (!cursor.isEmpty() && items.size() < MAX_ITEMS);
        return items.size() > MAX_ITEMS ? items.subList(0, MAX_ITEMS) : items;
    }

    private static byte[] scored(List<ScoredMember> members) {
        return list(members.stream().map(member -> ByteBuffer.allocate(member.member().length + 8)
                .order(ByteOrder.LITTLE_ENDIAN).put(member.member()).putDouble(member.score()).array()).toList());
    }

    static byte[] list(List<byte[]> items) {
        ByteBuffer head = ByteBuffer.allocate(4 + 4 * items.size()).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(items.size());
        items.forEach(item -> head.putInt(item.length));
        var out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        for (byte[] item : items) {
            out.writeBytes(item);
            out.write(0); // FastEdge's SDK steps over a NUL after each item
        }
        return out.toByteArray();
    }
}
