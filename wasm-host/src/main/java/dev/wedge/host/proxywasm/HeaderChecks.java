package dev.wedge.host.proxywasm;

import dev.wedge.host.http.HeaderRules;
import java.util.Map;

/** What a filter may put in a header map: names that are tokens (or pseudo-headers), values without CR, LF, NUL. */
final class HeaderChecks {

    private HeaderChecks() {}

    static boolean valid(String name, String value) {
        String plain = name.startsWith(":") ? name.substring(1) : name;
        return HeaderRules.validName(plain) && HeaderRules.validValue(value);
    }

    static boolean valid(HeaderMap headers) {
        for (Map.Entry<String, String> pair : headers.pairs()) {
            if (!valid(pair.getKey(), pair.getValue())) {
                return false;
            }
        }
        return true;
    }
}
