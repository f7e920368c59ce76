package dev.wedge.kv;

import java.util.regex.Pattern;

/**
 * Redis-style glob patterns: {@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [^a]} and {@code \x}.
 * One definition so every backend matches alike.
 */
public final class Glob {

    private static final String SPECIAL = "*?[]\\";

    private final Pattern regex;

    private Glob(Pattern regex) {
        this.regex = regex;
    }

    public static Glob compile(String glob) {
        var regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '\\' -> regex.append(i + 1 < glob.length() ? Pattern.quote(String.valueOf(glob.charAt(++i)))
                        : Pattern.quote("\\"));
                case '[' -> i = characterClass(glob, i, regex);
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /** Appends {@code [...]} starting at {@code start}; returns the index of its closing bracket. */
    private static int characterClass(String glob, int start, StringBuilder regex) {
        int end = glob.indexOf(']', start + 2);
        if (end < 0) {
            regex.append(Pattern.quote("["));
            return start;
        }
        String body = glob.substring(start + 1, end);
        boolean negated = body.startsWith("^") || body.startsWith("!");
        regex.append(negated ? "[^" : "[");
        for (char c : (negated ? body.substring(1) : body).toCharArray()) {
            regex.append(c == '-' ? "-" : Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        regex.append(']');
        return end;
    }

    public boolean matches(String text) {
        return regex.matcher(text).matches();
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
