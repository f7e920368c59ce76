package dev.wedge.host.http;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The header map serialisation of docs/abi.md: {@code name NUL value NUL} pairs, in order. */
public final class HeaderMaps {

    private HeaderMaps() {}

    public static byte[] encode(Collection<Map.Entry<String, String>> headers) {
        var out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> entry : headers) {
            out.writeBytes(entry.getKey().getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.writeBytes(entry.getValue().getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** Reads a header map a guest passed in; names are lower-cased, a malformed map is BAD_ARGUMENT. */
    public static Map<String, String> parse(byte[] bytes) {
        Map<String, String> headers = new LinkedHashMap<>();
        parseEntries(bytes).forEach(entry -> headers.put(entry.getKey(), entry.getValue()));
        return headers;
    }

    /** The same, keeping every entry in order (a name may repeat). */
    public static List<Map.Entry<String, String>> parseEntries(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split("\0", -1);
        if (parts.length % 2 != 1 || !parts[parts.length - 1].isEmpty()) {
            throw new AbiException(Status.BAD_ARGUMENT, "a header map is name NUL value NUL pairs");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            if (!HeaderRules.validName(parts[i]) || !HeaderRules.validValue(parts[i + 1])) {
                throw new AbiException(Status.BAD_ARGUMENT, "invalid header " + parts[i]);
            }
            headers.add(Map.entry(parts[i].toLowerCase(Locale.ROOT), parts[i + 1]));
        }
        return headers;
    }
}
