package dev.wedge.bench.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrays of a template's generated model.h (word-predict, image-classify), read at setup so that the Java
 * floor computes over the very tables the module embeds.
 */
final class CHeader {

    private final String text;

    private CHeader(String text) {
        this.text = text;
    }

    /** The header copied into the benchmarks jar under {@code /templates/NAME/model.h} (benchmarks/pom.xml). */
    static CHeader of(String template) {
        String resource = "/templates/" + template + "/model.h";
        try (InputStream in = CHeader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + "; see benchmarks/pom.xml");
            }
            return new CHeader(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numbers of {@code NAME[...] = { ... };}, integers or floats (a trailing {@code f} is dropped). */
    double[] numbers(String name) {
        int open = text.indexOf('{', declaration(name));
        int close = text.indexOf('}', open);
        List<Double> values = new ArrayList<>();
        for (String token : text.substring(open + 1, close).split("[,\\s]+")) {
            if (!token.isEmpty()) {
                values.add(Double.parseDouble(token.endsWith("f") ? token.substring(0, token.length() - 1) : token));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    int[] ints(String name) {
        double[] values = numbers(name);
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = (int) values[i];
        }
        return ints;
    }

    float[] floats(String name) {
        double[] values = numbers(name);
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** The bytes of {@code NAME[] = "..." "...";}: the literals joined, octal escapes such as \000 decoded. */
    byte[] string(String name) {
        int at = declaration(name);
        int end = text.indexOf(';', at);
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (int i = text.indexOf('=', at) + 1; i < end; i++) {
            char c = text.charAt(i);
            if (!inside) {
                inside = c == '"';
            } else if (c == '"') {
                inside = false;
            } else if (c == '\\') {
                char next = text.charAt(++i);
                if (next >= '0' && next <= '7') {
                    int code = 0;
                    for (int digits = 0; digits < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '7'; digits++) {
                        code = code * 8 + (text.charAt(i++) - '0');
                    }
                    i--;
                    out.append((char) code);
                } else {
                    out.append(next == 'n' ? '\n' : next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The value of {@code #define NAME value}. */
    double define(String name) {
        int at = text.indexOf("#define " + name + " ");
        if (at < 0) {
            throw new IllegalStateException("no #define " + name);
        }
        int start = at + "#define ".length() + name.length() + 1;
        return Double.parseDouble(text.substring(start, text.indexOf('\n', start)).trim());
    }

    private int declaration(String name) {
        int at = text.indexOf(" " + name + "[");
        if (at < 0) {
            throw new IllegalStateException("no array " + name);
        }
        return at;
    }
}
