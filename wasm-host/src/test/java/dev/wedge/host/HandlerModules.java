package dev.wedge.host;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Modules too large to write as text guests: an http app whose one function, {@code wedge_on_request}, has the
 * given locals and body, built byte by byte.
 */
public final class HandlerModules {

    private HandlerModules() {}

    /** A handler declaring {@code locals} i32 locals and returning 0. */
    public static byte[] withLocals(int locals) {
        return withLocalGroups(locals);
    }

    /** A handler declaring its i32 locals in groups of the given sizes, and returning 0. */
    public static byte[] withLocalGroups(int... groups) {
        var body = new ByteArrayOutputStream();
        leb(body, groups.length);
        for (int locals : groups) {
            leb(body, locals);
            body.write(0x7f); // i32
        }
        body.writeBytes(new byte[] {0x41, 0x00, 0x0b}); // i32.const 0; end
        return module(body.toByteArray());
    }

    /** A handler that pushes {@code depth} values on its operand stack, drops all but one and returns it. */
    public static byte[] withStackDepth(int depth) {
        var body = new ByteArrayOutputStream();
        leb(body, 0);
        for (int i = 0; i < depth; i++) {
            body.writeBytes(new byte[] {0x41, 0x00}); // i32.const 0
        }
        for (int i = 1; i < depth; i++) {
            body.write(0x1a); // drop
        }
        body.write(0x0b);
        return module(body.toByteArray());
    }

    private static byte[] module(byte[] body) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, new byte[] {1, 0x60, 0, 1, 0x7f}); // one type: () -> i32
        section(out, 3, new byte[] {1, 0}); // one function of that type
        section(out, 5, new byte[] {1, 0, 1}); // one memory of one page
        var exports = new ByteArrayOutputStream();
        exports.write(2);
        name(exports, "wedge_on_request");
        exports.writeBytes(new byte[] {0, 0});
        name(exports, "memory");
        exports.writeBytes(new byte[] {2, 0});
        section(out, 7, exports.toByteArray());
        var code = new ByteArrayOutputStream();
        leb(code, 1);
        leb(code, body.length);
        code.writeBytes(body);
        section(out, 10, code.toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        leb(out, content.length);
        out.writeBytes(content);
    }

    private static void name(ByteArrayOutputStream out, String name) {
        leb(out, name.length());
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
    }

    private static void leb(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
