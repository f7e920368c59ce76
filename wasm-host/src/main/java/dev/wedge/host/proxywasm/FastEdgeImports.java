package dev.wedge.host.proxywasm;

import static dev.wedge.host.abi.AbiFunction.proxy;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import dev.wedge.host.http.HttpImports;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * FastEdge's extension that belongs to no other capability: {@code stats_set_user_diag}, the proxy-wasm twin of
 * {@code wedge.set_user_diag} and bounded alike. (The secret, dictionary and key-value extensions live with their
 * capabilities.)
 */
final class FastEdgeImports {

    static final int MAX_USER_DIAG = HttpImports.MAX_USER_DIAG_BYTES;

    private FastEdgeImports() {}

    static List<AbiFunction<FilterContext>> functions() {
        return List.of(
                proxy("stats_set_user_diag", 2, (FilterContext context, HostCall call) -> {
                    String text = new String(call.bytes(0, 1), StandardCharsets.UTF_8);
                    if (context.inRequest()) {
                        context.exchange().userDiag(text.length() > MAX_USER_DIAG
                                ? text.substring(0, MAX_USER_DIAG) : text);
                    }
                    return ProxyStatus.OK;
                }));
    }
}
