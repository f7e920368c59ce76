package dev.wedge.host.proxywasm;

import static dev.wedge.host.abi.AbiFunction.proxy;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.abi.HostCall;
import dev.wedge.host.abi.ProxyStatus;
import java.util.Arrays;
import java.util.List;

/** The buffer imports: request and response bodies, a callout's body, and the plugin configuration. */
final class BufferImports {

    static final int REQUEST_BODY = 0;
    static final int RESPONSE_BODY = 1;
    static final int CALLOUT_BODY = 4;
    static final int VM_CONFIGURATION = 6;
    static final int PLUGIN_CONFIGURATION = 7;
    /** Bodies are whole when a hook sees them: always the end of the stream. */
    private static final int END_OF_STREAM = 1;

    private BufferImports() {}

    static List<AbiFunction<FilterContext>> functions() {
        return List.of(
                proxy("proxy_get_buffer_status", 3, (FilterContext context, HostCall call) -> {
                    call.check(call.u32(1), 4);
                    call.check(call.u32(2), 4);
                    byte[] buffer = buffer(context, call.i32(0));
                    call.writeU32(call.u32(1), buffer.length);
                    call.writeU32(call.u32(2), END_OF_STREAM);
                    return ProxyStatus.OK;
                }),
                proxy("proxy_get_buffer_bytes", 5, (FilterContext context, HostCall call) -> {
                    call.check(call.u32(3), 4);
                    call.check(call.u32(4), 4);
                    byte[] buffer = buffer(context, call.i32(0));
                    long start = call.u32(1);
                    long end = Math.min(buffer.length, start + call.u32(2));
                    if (start > buffer.length) {
                        return ProxyStatus.BAD_ARGUMENT;
                    }
                    return Values.give(context, call, Arrays.copyOfRange(buffer, (int) start, (int) end), 3, 4);
                }),
                proxy("proxy_set_buffer_bytes", 5, BufferImports::set));
    }

    /**
     * Replaces {@code [start, start + length)} of a body with the given bytes (clipped to the body, so
     * {@code (0, 0)} prepends and a start at the end appends); a body grown past its limit is refused and spoils
     * the request (533).
     */
    private static int set(FilterContext context, HostCall call) {
        byte[] data = call.bytes(3, 4);
        int type = call.i32(0);
        CdnExchange exchange = context.exchange();
        boolean request = type == REQUEST_BODY;
        if (!request && type != RESPONSE_BODY || request == exchange.phase().isResponse()) {
            return ProxyStatus.BAD_ARGUMENT; // only the body of the phase being filtered can change
        }
        byte[] body = request ? exchange.requestBody() : exchange.responseBody();
        long start = Math.min(call.u32(1), body.length);
        long end = Math.min(body.length, start + call.u32(2));
        long size = body.length - (end - start) + data.length;
        if (size > Integer.MAX_VALUE - 8) {
            return ProxyStatus.BAD_ARGUMENT;
        }
        byte[] changed = new byte[(int) size];
        System.arraycopy(body, 0, changed, 0, (int) start);
        System.arraycopy(data, 0, changed, (int) start, data.length);
        System.arraycopy(body, (int) end, changed, (int) start + data.length, (int) (body.length - end));
        boolean fits = request ? exchange.requestBody(changed) : exchange.responseBody(changed);
        return fits ? ProxyStatus.OK : ProxyStatus.BAD_ARGUMENT;
    }

    private static byte[] buffer(FilterContext context, int type) {
        return switch (type) {
            case REQUEST_BODY -> context.exchange().requestBody();
            case RESPONSE_BODY -> context.exchange().responseBody();
            case CALLOUT_BODY -> {
                Callout.Answer answer = context.answer();
                if (answer == null) {
                    throw ProxyStatus.fail(ProxyStatus.NOT_FOUND, "no callout answer now");
                }
                yield answer.body();
            }
            case VM_CONFIGURATION -> new byte[0];
            case PLUGIN_CONFIGURATION -> context.pluginConfiguration();
            default -> throw ProxyStatus.fail(ProxyStatus.NOT_FOUND, "no buffer of type " + type);
        };
    }
}
