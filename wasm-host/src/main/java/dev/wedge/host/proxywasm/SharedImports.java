package dev.wedge.host.proxywasm;

import static dev.wedge.host.abi.AbiFunction.proxy;
import static dev.wedge.host.engine.ValueType.I32;
import static dev.wedge.host.engine.ValueType.I64;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import dev.wedge.host.engine.Signature;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shared data, shared queues and metrics: what filters keep across requests, node-wide, per app. */
final class SharedImports {

    private SharedImports() {}

    static List<AbiFunction<FilterContext>> functions() {
        return List.of(
                proxy("proxy_get_shared_data", 5, (FilterContext context, HostCall call) -> {
                    String key = text(call, 0, 1);
                    call.check(call.u32(2), 4);
                    call.check(call.u32(3), 4);
                    call.check(call.u32(4), 4);
                    FilterShared.Versioned found = context.shared().get(context.app(), key);
                    if (found == null) {
                        return ProxyStatus.NOT_FOUND;
                    }
                    call.writeU32(call.u32(4), Integer.toUnsignedLong(found.cas()));
                    return Values.give(context, call, found.value(), 2, 3);
                }),
                proxy("proxy_set_shared_data", 5, (FilterContext context, HostCall call) ->
                        context.shared().set(context.app(), text(call, 0, 1), call.bytes(2, 3), call.i32(4))),
                proxy("proxy_register_shared_queue", 3, (FilterContext context, HostCall call) -> {
                    String name = text(call, 0, 1);
                    call.check(call.u32(2), 4);
                    int token = context.shared().register(context.app(), name);
                    if (token < 0) {
                        return ProxyStatus.BAD_ARGUMENT;
                    }
                    call.writeU32(call.u32(2), token);
                    return ProxyStatus.OK;
                }),
                proxy("proxy_resolve_shared_queue", 5, (FilterContext context, HostCall call) -> {
                    call.bytes(0, 1); // the VM id: every filter of an app shares its queues
                    String name = text(call, 2, 3);
                    call.check(call.u32(4), 4);
                    Integer token = context.shared().resolve(context.app(), name);
                    if (token == null) {
                        return ProxyStatus.NOT_FOUND;
                    }
                    call.writeU32(call.u32(4), token);
                    return ProxyStatus.OK;
                }),
                proxy("proxy_enqueue_shared_queue", 3, (FilterContext context, HostCall call) ->
                        context.shared().enqueue(context.app(), call.i32(0), call.bytes(1, 2))),
                proxy("proxy_dequeue_shared_queue", 3, (FilterContext context, HostCall call) -> {
                    call.check(call.u32(1), 4);
                    call.check(call.u32(2), 4);
                    byte[] item = context.shared().dequeue(context.app(), call.i32(0));
                    return item == null ? ProxyStatus.EMPTY : Values.give(context, call, item, 1, 2);
                }),
                proxy("proxy_define_metric", 4, (FilterContext context, HostCall call) -> {
                    GuestMetric.Type type = GuestMetric.Type.of(call.i32(0));
                    String name = text(call, 1, 2);
                    call.check(call.u32(3), 4);
                    if (name.isEmpty() || name.length() > 200) {
                        return ProxyStatus.BAD_ARGUMENT;
                    }
                    int id = context.shared().define(context.app(), type, name, context.listener());
                    if (id < 0) {
                        return ProxyStatus.BAD_ARGUMENT;
                    }
                    call.writeU32(call.u32(3), id);
                    return ProxyStatus.OK;
                }),
                proxy("proxy_increment_metric", Signature.of(List.of(I32, I64), List.of(I32)),
                        (FilterContext context, HostCall call) -> {
                            GuestMetric metric = context.shared().metric(context.app(), call.i32(0));
                            if (metric.type() == GuestMetric.Type.HISTOGRAM) {
                                return ProxyStatus.BAD_ARGUMENT;
                            }
                            metric.add(call.i64(1));
                            return ProxyStatus.OK;
                        }),
                proxy("proxy_record_metric", Signature.of(List.of(I32, I64), List.of(I32)),
                        (FilterContext context, HostCall call) -> {
                            GuestMetric metric = context.shared().metric(context.app(), call.i32(0));
                            if (metric.type() == GuestMetric.Type.HISTOGRAM) {
                                context.listener().guestSample(context.app(), metric.name(), call.i64(1));
                            }
                            metric.set(call.i64(1));
                            return ProxyStatus.OK;
                        }),
                proxy("proxy_get_metric", 2, (FilterContext context, HostCall call) -> {
                    call.check(call.u32(1), 8);
                    call.writeU64(call.u32(1), context.shared().metric(context.app(), call.i32(0)).value());
                    return ProxyStatus.OK;
                }));
    }

    private static String text(HostCall call, int ptrIndex, int lenIndex) {
        return new String(call.bytes(ptrIndex, lenIndex), StandardCharsets.UTF_8);
    }
}
