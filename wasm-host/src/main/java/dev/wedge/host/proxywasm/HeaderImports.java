package dev.wedge.host.proxywasm;

import static dev.wedge.host.abi.AbiFunction.proxy;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The header-map imports, over every map type of the spec (request, response, trailers, callout answer). */
final class HeaderImports {

    static final int REQUEST_HEADERS = 0;
    static final int REQUEST_TRAILERS = 1;
    static final int RESPONSE_HEADERS = 2;
    static final int RESPONSE_TRAILERS = 3;
    static final int CALLOUT_HEADERS = 6;
    static final int CALLOUT_TRAILERS = 7;

    private HeaderImports() {}

    static List<AbiFunction<FilterContext>> functions() {
        return List.of(
                proxy("proxy_get_header_map_value", 5, (FilterContext context, HostCall call) -> {
                    String name = text(call, 1, 2);
                    call.check(call.u32(3), 4);
                    call.check(call.u32(4), 4);
                    String value = map(context, call.i32(0)).get(name);
                    return value == null ? ProxyStatus.NOT_FOUND
                            : Values.give(context, call, value.getBytes(StandardCharsets.UTF_8), 3, 4);
                }),
                proxy("proxy_add_header_map_value", 5, (FilterContext context, HostCall call) ->
                        change(context, call, true, map -> map.add(text(call, 1, 2), text(call, 3, 4)))),
                proxy("proxy_replace_header_map_value", 5, (FilterContext context, HostCall call) ->
                        change(context, call, true, map -> map.replace(text(call, 1, 2), text(call, 3, 4)))),
                proxy("proxy_remove_header_map_value", 3, (FilterContext context, HostCall call) ->
                        change(context, call, false, map -> map.remove(text(call, 1, 2),
                                context.exchange().removeDeletes()))),
                proxy("proxy_get_header_map_pairs", 3, (FilterContext context, HostCall call) -> {
                    call.check(call.u32(1), 4);
                    call.check(call.u32(2), 4);
                    return Values.give(context, call, map(context, call.i32(0)).serialize(), 1, 2);
                }),
                proxy("proxy_set_header_map_pairs", 3, (FilterContext context, HostCall call) -> {
                    HeaderMap replacement;
                    try {
                        replacement = HeaderMap.parse(call.bytes(1, 2));
                    } catch (IllegalArgumentException e) {
                        return ProxyStatus.BAD_ARGUMENT;
                    }
                    if (!HeaderChecks.valid(replacement)) {
                        return ProxyStatus.BAD_ARGUMENT;
                    }
                    return change(context, call, false, map -> {
                        map.clear();
                        replacement.pairs().forEach(pair -> map.add(pair.getKey(), pair.getValue()));
                    });
                }),
                proxy("proxy_get_header_map_size", 2, (FilterContext context, HostCall call) -> {
                    call.check(call.u32(1), 4);
                    call.writeU32(call.u32(1), map(context, call.i32(0)).serialize().length);
                    return ProxyStatus.OK;
                }));
    }

    private interface Change {
        void apply(HeaderMap map);
    }

    /** Changes a writable map; {@code checkPair} validates the (name, value) at arguments 1..4 first. */
    private static int change(FilterContext context, HostCall call, boolean checkPair, Change change) {
        if (checkPair && !HeaderChecks.valid(text(call, 1, 2), text(call, 3, 4))) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        int type = call.i32(0);
        HeaderMap map = map(context, type);
        CdnExchange exchange = context.exchange();
        boolean writable = switch (type) {
            case REQUEST_HEADERS, REQUEST_TRAILERS -> !exchange.phase().isResponse();
            case RESPONSE_HEADERS, RESPONSE_TRAILERS -> true;
            default -> false; // a callout's answer is read-only
        };
        if (!writable) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        change.apply(map);
        return ProxyStatus.OK;
    }

    static HeaderMap map(FilterContext context, int type) {
        CdnExchange exchange = context.exchange();
        return switch (type) {
            case REQUEST_HEADERS -> exchange.requestHeaders();
            case REQUEST_TRAILERS -> exchange.requestTrailers();
            case RESPONSE_HEADERS -> exchange.responseHeaders();
            case RESPONSE_TRAILERS -> exchange.responseTrailers();
            case CALLOUT_HEADERS, CALLOUT_TRAILERS -> {
                Callout.Answer answer = context.answer();
                if (answer == null || answer.failed()) {
                    throw ProxyStatus.fail(ProxyStatus.NOT_FOUND, "no callout answer now");
                }
                yield type == CALLOUT_HEADERS ? answer.headers() : answer.trailers();
            }
            default -> throw ProxyStatus.fail(ProxyStatus.BAD_ARGUMENT, "no header map of type " + type);
        };
    }

    private static String text(HostCall call, int ptrIndex, int lenIndex) {
        return new String(call.bytes(ptrIndex, lenIndex), StandardCharsets.UTF_8);
    }
}
