package dev.wedge.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis-style glob patterns: {@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [^a]} and {@code \x}.
 * One definition so every backend matches alike. Matching walks the text once per star it backs up to, never
 * more (at most text length x pattern length steps), so no pattern an app sends can make a scan run away, as a
 * backtracking regular expression can.
 */
public final class Glob {

    private static final String SPECIAL = "*?[]\\";

    /** One element of a pattern: a star, or something that matches exactly one code point. */
    private interface Token {
        boolean matches(int codePoint);
    }

    /** The two wildcards: {@code STAR} is told apart by identity, both match any code point. */
    private enum Wildcard implements Token {
        STAR,
        ANY;

        @Override
        public boolean matches(int codePoint) {
            return true;
        }
    }

    private static final Token STAR = Wildcard.STAR;
    private static final Token ANY = Wildcard.ANY;

    private record Literal(int expected) implements Token {
        @Override
        public boolean matches(int codePoint) {
            return codePoint == expected;
        }
    }

    /** {@code [...]}: single code points and ranges, possibly negated. */
    private record CharClass(int[] from, int[] to, boolean negated) implements Token {
        @Override
        public boolean matches(int codePoint) {
            for (int i = 0; i < from.length; i++) {
                if (codePoint >= from[i] && codePoint <= to[i]) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    private final Token[] tokens;

    private Glob(Token[] tokens) {
        this.tokens = tokens;
    }

    public static Glob compile(String glob) {
        int[] pattern = glob.codePoints().toArray();
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            int c = pattern[i];
            if (c == '*') {
                if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != STAR) { // a run of stars is one star
                    tokens.add(STAR);
                }
            } else if (c == '?') {
                tokens.add(ANY);
            } else if (c == '\\') {
                tokens.add(new Literal(i + 1 < pattern.length ? pattern[++i] : '\\'));
            } else if (c == '[') {
                int end = closingBracket(pattern, i);
                if (end < 0) {
                    tokens.add(new Literal('['));
                } else {
                    tokens.add(charClass(pattern, i + 1, end));
                    i = end;
                }
            } else {
                tokens.add(new Literal(c));
            }
        }
        return new Glob(tokens.toArray(Token[]::new));
    }

    /** The index of the bracket closing the class opened at {@code start}; a {@code ]} right after it is literal. */
    private static int closingBracket(int[] pattern, int start) {
        for (int i = start + 2; i < pattern.length; i++) {
            if (pattern[i] == ']') {
                return i;
            }
        }
        return -1;
    }

    private static CharClass charClass(int[] pattern, int from, int end) {
        boolean negated = pattern[from] == '^' || pattern[from] == '!';
        int i = negated ? from + 1 : from;
        List<int[]> ranges = new ArrayList<>();
        while (i < end) {
            boolean range = i + 2 < end && pattern[i + 1] == '-';
            ranges.add(range ? new int[] {pattern[i], pattern[i + 2]} : new int[] {pattern[i], pattern[i]});
            i += range ? 3 : 1;
        }
        return new CharClass(ranges.stream().mapToInt(r -> r[0]).toArray(),
                ranges.stream().mapToInt(r -> r[1]).toArray(), negated);
    }

    /**
     * Whether the whole text matches. On a mismatch after a star, the star takes one more code point and matching
     * resumes after it: only the last star is ever backed up to, which is enough for globs.
     */
    public boolean matches(String text) {
        int[] input = text.codePoints().toArray();
        int t = 0;
        int p = 0;
        int starAt = -1;
        int starText = 0;
        while (t < input.length) {
            if (p < tokens.length && tokens[p] == STAR) {
                starAt = p++;
                starText = t;
            } else if (p < tokens.length && tokens[p].matches(input[t])) {
                p++;
                t++;
            } else if (starAt >= 0) {
                p = starAt + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == STAR) {
            p++;
        }
        return p == tokens.length;
    }

    /** The text with every glob character escaped, so it matches only itself. */
    public static String escape(String literal) {
        var escaped = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** The literal text every match must start with (up to the first special character). */
    public static String literalPrefix(String glob) {
        var prefix = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                prefix.append(glob.charAt(++i));
            } else if (SPECIAL.indexOf(c) >= 0) {
                break;
            } else {
                prefix.append(c);
            }
        }
        return prefix.toString();
    }
}
