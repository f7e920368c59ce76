package dev.wedge.host.outbound;

import static dev.wedge.host.abi.AbiFunction.wedge;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.Status;
import dev.wedge.host.http.HeaderMaps;
import dev.wedge.host.http.HeaderRules;
import java.util.List;

/** The {@code wedge.http_*} imports: send a request, then read its buffered response by handle. */
final class OutboundImports {

    private static final int MAX_METHOD_LENGTH = 64;

    private OutboundImports() {}

    static List<AbiFunction<OutboundCalls>> functions() {
        return List.of(
                wedge("http_send", 9, (OutboundCalls calls, HostCall call) -> {
                    call.check(call.u32(0), call.u32(1));
                    call.check(call.u32(2), call.u32(3));
                    call.check(call.u32(4), call.u32(5));
                    call.check(call.u32(6), call.u32(7));
                    call.check(call.u32(8), 4);
                    String method = call.utf8(0, 1);
                    if (method.length() > MAX_METHOD_LENGTH || !HeaderRules.validName(method)) {
                        throw new AbiException(Status.BAD_ARGUMENT, "not an HTTP method: " + method);
                    }
                    int handle = calls.send(method, call.utf8(2, 3), HeaderMaps.parseEntries(call.bytes(4, 5)),
                            call.bytes(6, 7));
                    call.writeU32(call.u32(8), handle);
                    return Status.OK;
                }),
                wedge("http_response_status", 2, (OutboundCalls calls, HostCall call) -> {
                    call.check(call.u32(1), 4);
                    call.writeU32(call.u32(1), calls.response(call.i32(0)).status());
                    return Status.OK;
                }),
                wedge("http_response_header", 6, (OutboundCalls calls, HostCall call) -> {
                    String name = call.utf8(1, 2);
                    call.checkOut(3, 4, 5);
                    Fetched response = calls.response(call.i32(0));
                    return call.writeText(3, 4, 5, () -> response.headers().get(name));
                }),
                wedge("http_response_headers", 4, (OutboundCalls calls, HostCall call) -> {
                    call.checkOut(1, 2, 3);
                    return call.writeOut(HeaderMaps.encode(calls.response(call.i32(0)).headers().entries()),
                            1, 2, 3);
                }),
                wedge("http_response_body_size", 2, (OutboundCalls calls, HostCall call) -> {
                    call.check(call.u32(1), 4);
                    call.writeU32(call.u32(1), calls.response(call.i32(0)).body().length);
                    return Status.OK;
                }),
                wedge("http_response_body_read", 5, (OutboundCalls calls, HostCall call) -> {
                    call.checkOut(2, 3, 4);
                    call.writePartial(calls.response(call.i32(0)).body(), call.u32(1), 2, 3, 4);
                    return Status.OK;
                }));
    }
}
