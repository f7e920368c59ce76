package dev.wedge.host.proxywasm;

import static dev.wedge.host.abi.AbiFunction.proxy;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Logging, time, properties, the stream's control (continue, close, local responses), contexts and the calls
 * this host does not offer (gRPC, foreign functions), as {@code env.proxy_*} imports.
 */
final class StreamImports {

    private static final int LOG_LEVEL_INFO = 2;
    private static final int LOG_LEVEL_CRITICAL = 5;

    private StreamImports() {}

    static List<AbiFunction<FilterContext>> functions() {
        return List.of(
                proxy("proxy_log", 3, StreamImports::log),
                proxy("proxy_get_log_level", 1, (FilterContext context, HostCall call) -> {
                    call.writeU32(call.u32(0), LOG_LEVEL_INFO);
                    return ProxyStatus.OK;
                }),
                proxy("proxy_get_current_time_nanoseconds", 1, (FilterContext context, HostCall call) -> {
                    java.time.Instant now = java.time.Instant.now();
                    call.writeU64(call.u32(0), now.getEpochSecond() * 1_000_000_000L + now.getNano());
                    return ProxyStatus.OK;
                }),
                proxy("proxy_set_tick_period_milliseconds", 1, (context, call) -> ProxyStatus.OK),
                proxy("proxy_get_property", 4, StreamImports::getProperty),
                proxy("proxy_set_property", 4, (FilterContext context, HostCall call) -> {
                    String path = Properties.path(call.bytes(0, 1));
                    return Properties.set(context, path, call.bytes(2, 3));
                }),
                proxy("proxy_continue_stream", 1, StreamImports::resume),
                proxy("proxy_continue_request", 0, StreamImports::resume),
                proxy("proxy_continue_response", 0, StreamImports::resume),
                proxy("proxy_close_stream", 1, StreamImports::close),
                proxy("proxy_send_local_response", 8, StreamImports::localResponse),
                proxy("proxy_clear_route_cache", 0, (context, call) -> ProxyStatus.OK),
                proxy("proxy_set_effective_context", 1, (FilterContext context, HostCall call) -> {
                    int id = call.i32(0);
                    if (id != FilterContext.ROOT_ID && id != FilterContext.STREAM_ID) {
                        return ProxyStatus.BAD_ARGUMENT;
                    }
                    context.effectiveContext(id);
                    return ProxyStatus.OK;
                }),
                // instances end with their phase or request anyway
                proxy("proxy_done", 0, (context, call) -> ProxyStatus.OK),
                proxy("proxy_call_foreign_function", 6, (FilterContext context, HostCall call) -> {
                    call.check(call.u32(0), call.u32(1));
                    return ProxyStatus.NOT_FOUND;
                }),
                unimplemented("proxy_grpc_call", 10),
                unimplemented("proxy_grpc_stream", 7),
                unimplemented("proxy_grpc_cancel", 1),
                unimplemented("proxy_grpc_close", 1),
                unimplemented("proxy_grpc_send", 4));
    }

    private static AbiFunction<FilterContext> unimplemented(String name, int params) {
        return proxy(name, params, (context, call) -> ProxyStatus.UNIMPLEMENTED);
    }

    private static int log(FilterContext context, HostCall call) {
        int level = call.i32(0);
        String text = new String(call.bytes(1, 2), StandardCharsets.UTF_8);
        if (level < 0 || level > LOG_LEVEL_CRITICAL) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        if (context.inRequest()) {
            context.exchange().log(Math.min(level, 4), text); // critical is logged as error
        }
        return ProxyStatus.OK;
    }

    private static int getProperty(FilterContext context, HostCall call) {
        String path = Properties.path(call.bytes(0, 1));
        call.check(call.u32(2), 4);
        call.check(call.u32(3), 4);
        byte[] value = Properties.get(context, path);
        if (value == null) {
            return ProxyStatus.NOT_FOUND;
        }
        return Values.give(context, call, value, 2, 3);
    }

    private static int resume(FilterContext context, HostCall call) {
        context.continued();
        return ProxyStatus.OK;
    }

    /** FastEdge ends a paused request with 503; so does Envoy's model here. */
    private static int close(FilterContext context, HostCall call) {
        context.exchange().local(new CdnExchange.LocalResponse(503, "closed by the filter", new HeaderMap(),
                new byte[0]));
        return ProxyStatus.OK;
    }

    private static int localResponse(FilterContext context, HostCall call) {
        int status = call.i32(0);
        String details = new String(call.bytes(1, 2), StandardCharsets.UTF_8);
        byte[] body = call.bytes(3, 4);
        HeaderMap headers;
        try {
            headers = HeaderMap.parse(call.bytes(5, 6));
        } catch (IllegalArgumentException e) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        CdnExchange exchange = context.exchange();
        if (status < 200 || status > 599 || body.length > exchange.maxResponseBodyBytes()
                || !HeaderChecks.valid(headers)) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        exchange.local(new CdnExchange.LocalResponse(status, details, headers, body));
        return ProxyStatus.OK;
    }
}
