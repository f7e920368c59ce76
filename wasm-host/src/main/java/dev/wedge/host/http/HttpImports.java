package dev.wedge.host.http;

import static dev.wedge.host.abi.AbiFunction.wedge;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code wedge.request_*}, {@code response_*}, {@code env_get}, {@code log} and {@code set_user_diag}
 * imports.
 */
public final class HttpImports {

    private static final int MAX_LOG_LEVEL = 4;
    /** The most bytes of diagnostic text a request keeps: a short reason, not a log. */
    public static final int MAX_USER_DIAG_BYTES = 256;

    private HttpImports() {}

    public static <S extends HttpGuestContext> List<AbiFunction<S>> functions() {
        return List.of(
                text("request_method", scope -> request(scope).method()),
                text("request_url", scope -> request(scope).url()),
                text("request_path", scope -> request(scope).path()),
                text("request_query", scope -> request(scope).query()),
                wedge("request_header", 5, (S scope, HostCall call) -> {
                    String name = call.utf8(0, 1);
                    return call.writeText(2, 3, 4, () -> request(scope).headers().get(name));
                }),
                wedge("request_headers", 3, (S scope, HostCall call) -> {
                    call.checkOut(0, 1, 2);
                    return call.writeOut(HeaderMaps.encode(request(scope).headers().entries()), 0, 1, 2);
                }),
                wedge("request_body_size", 1, (S scope, HostCall call) -> {
                    call.check(call.u32(0), 4);
                    call.writeU32(call.u32(0), request(scope).body().length);
                    return Status.OK;
                }),
                wedge("request_body_read", 4, (S scope, HostCall call) -> {
                    call.checkOut(1, 2, 3);
                    call.writePartial(request(scope).body(), call.u32(0), 1, 2, 3);
                    return Status.OK;
                }),
                wedge("response_set_status", 1, (S scope, HostCall call) -> {
                    int code = call.i32(0);
                    if (code < 200 || code > 599) { // 1xx are interim: as a final status they hang clients
                        return Status.BAD_ARGUMENT;
                    }
                    response(scope).status(code);
                    return Status.OK;
                }),
                wedge("response_set_header", 4, (S scope, HostCall call) -> header(scope, call, true)),
                wedge("response_add_header", 4, (S scope, HostCall call) -> header(scope, call, false)),
                wedge("response_write", 2, (S scope, HostCall call) -> {
                    call.check(call.u32(0), call.u32(1));
                    ResponseBuilder response = response(scope);
                    if (!response.reserve(call.u32(1))) {
                        return Status.LIMIT_EXCEEDED; // refused before copying anything
                    }
                    response.write(call.bytes(0, 1));
                    return Status.OK;
                }),
                lookup("env_get", HttpGuestContext::env),
                wedge("log", 3, (S scope, HostCall call) -> {
                    int level = call.i32(0);
                    if (level < 0 || level > MAX_LOG_LEVEL) {
                        return Status.BAD_ARGUMENT;
                    }
                    call.check(call.u32(1), call.u32(2));
                    long kept = Math.min(call.u32(2), scope.logRoom()); // never copy more than may be kept
                    scope.log(level, new String(call.read(call.u32(1), kept), StandardCharsets.UTF_8));
                    return Status.OK;
                }),
                wedge("set_user_diag", 2, (S scope, HostCall call) -> {
                    call.check(call.u32(0), call.u32(1));
                    scope.userDiag(UserDiag.text(call.read(call.u32(0), Math.min(call.u32(1), MAX_USER_DIAG_BYTES)),
                            call.u32(1) > MAX_USER_DIAG_BYTES));
                    return Status.OK;
                }));
    }

    private static <S extends HttpGuestContext> AbiFunction<S> text(String name, Function<S, String> value) {
        return wedge(name, 3, (S scope, HostCall call) -> call.writeText(0, 1, 2, () -> value.apply(scope)));
    }

    private static <S extends HttpGuestContext> AbiFunction<S> lookup(
            String name, Function<S, Map<String, String>> table) {
        return wedge(name, 5, (S scope, HostCall call) ->
                call.writeText(2, 3, 4, () -> table.apply(scope).get(call.utf8(0, 1))));
    }

    private static Status header(HttpGuestContext scope, HostCall call, boolean replace) {
        call.check(call.u32(0), call.u32(1));
        call.check(call.u32(2), call.u32(3));
        ResponseBuilder response = response(scope);
        if (call.u32(1) + call.u32(3) > ResponseBuilder.MAX_HEADER_BYTES) { // refused before copying anything
            response.overflow();
            return Status.LIMIT_EXCEEDED;
        }
        String name = call.utf8(0, 1);
        String value = call.utf8(2, 3);
        if (!HeaderRules.validName(name) || !HeaderRules.validValue(value)) {
            return Status.BAD_ARGUMENT;
        }
        return response.header(name, value, replace) ? Status.OK : Status.LIMIT_EXCEEDED;
    }

    private static AppRequest request(HttpGuestContext scope) {
        AppRequest request = scope.request();
        if (request == null) {
            throw new AbiException(Status.UNSUPPORTED, "no HTTP request in a message handler");
        }
        return request;
    }

    private static ResponseBuilder response(HttpGuestContext scope) {
        ResponseBuilder response = scope.response();
        if (response == null) {
            throw new AbiException(Status.UNSUPPORTED, "this app kind answers on stdout");
        }
        return response;
    }
}
