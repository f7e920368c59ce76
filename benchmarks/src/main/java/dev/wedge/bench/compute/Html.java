package dev.wedge.bench.compute;

import java.nio.charset.StandardCharsets;

/**
 * HTML from two Markdown renderers made comparable: the spellings they may choose differently for the same
 * markup (void tags closed or not, whitespace between tags, the escaped quote) are made one.
 */
final class Html {

    private Html() {
    }

    static String normalized(byte[] html) {
        return new String(html, StandardCharsets.UTF_8)
                .replace(" />", ">")
                .replace("&quot;", "\"")
                .replaceAll("\\s+", " ")
                .replace("> <", "><")
                .trim();
    }

    /** Where {@code a} and {@code b} part, with some text of each from there. */
    static String firstDifference(String a, String b) {
        int at = 0;
        while (at < a.length() && at < b.length() && a.charAt(at) == b.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 40);
        return "at " + at + ": ..." + a.substring(from, Math.min(a.length(), at + 60)) + "... vs ..."
                + b.substring(from, Math.min(b.length(), at + 60)) + "...";
    }
}
