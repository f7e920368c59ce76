package dev.wedge.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Redis glob semantics, and patterns that would make a backtracking matcher run away. */
class GlobTest {

    private static boolean matches(String glob, String text) {
        return Glob.compile(glob).matches(text);
    }

    @Test
    void wildcardsClassesAndEscapes() {
        assertTrue(matches("user:*", "user:42"));
        assertTrue(matches("user:*", "user:"));
        assertFalse(matches("user:*", "usr:1"));
        assertTrue(matches("h?llo", "hello"));
        assertFalse(matches("h?llo", "hllo"));
        assertTrue(matches("h*llo", "heeeello"));
        assertTrue(matches("a*b*c", "axxbyyc"));
        assertFalse(matches("a*b*c", "axxbyy"));
        assertTrue(matches("order:[12]", "order:2"));
        assertFalse(matches("order:[12]", "order:3"));
        assertTrue(matches("[a-c]x", "bx"));
        assertFalse(matches("[^a-c]x", "bx"));
        assertTrue(matches("[!a]x", "zx"));
        assertTrue(matches("[]]", "]"));
        assertTrue(matches("\\*lit", "*lit"));
        assertFalse(matches("\\*lit", "xlit"));
        assertTrue(matches("[unclosed", "[unclosed"));
        assertTrue(matches("?", "\uD83D\uDE00"), "one code point, even outside the BMP");
        assertTrue(matches("**", ""));
    }

    @Test
    void manyStarsOverALongKeyStayCheap() {
        String key = "a".repeat(1_000);
        assertFalse(matches("*a*a*a*a*a*a*a*a*b", key));
        assertTrue(matches("*a*a*a*a*a*a*a*a*", key));
        assertFalse(matches("a*".repeat(200) + "b", key));
    }

    @Test
    void escapedTextMatchesOnlyItself() {
        String literal = "app:*[x]?\\";
        assertTrue(matches(Glob.escape(literal), literal));
        assertFalse(matches(Glob.escape(literal), "app:abc[x]?\\"));
        assertEquals("user:", Glob.literalPrefix("user:*"));
    }
}
