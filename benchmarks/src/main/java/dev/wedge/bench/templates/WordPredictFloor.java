package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * word-predict in Java: the same back-off lookup (trigram, bigram, then words by frequency) over the tables of
 * apps/templates/word-predict/model.h, binary searches as in the guest, and the same JSON.
 */
public final class WordPredictFloor implements JavaFloor {

    private static final int NONE = 0xFFFF;

    private final int words;
    private final int start;
    private final int unknown;
    private final int top;
    private final double scale;
    private final double backoff;
    private final double total;
    private final String[] text;
    private final int[] ranked;
    private final int[] rankedCounts;
    private final int[] bigramKeys;
    private final int[] bigrams;
    private final long[] trigramKeys;
    private final int[] trigrams;

    public WordPredictFloor() {
        CHeader model = CHeader.of("word-predict");
        words = (int) model.define("MODEL_WORDS");
        start = (int) model.define("MODEL_START");
        unknown = (int) model.define("MODEL_UNKNOWN");
        top = (int) model.define("MODEL_TOP");
        scale = model.define("MODEL_SCALE");
        backoff = model.define("MODEL_BACKOFF");
        total = model.define("MODEL_TOTAL");
        byte[] all = model.string("model_text");
        int[] offsets = model.ints("model_offsets");
        text = new String[words];
        for (int i = 0; i < words; i++) {
            int end = offsets[i];
            while (all[end] != 0) {
                end++;
            }
            text[i] = new String(all, offsets[i], end - offsets[i], StandardCharsets.UTF_8);
        }
        ranked = model.ints("model_ranked");
        rankedCounts = model.ints("model_ranked_counts");
        bigramKeys = model.ints("model_bigram_keys");
        bigrams = model.ints("model_bigrams");
        trigramKeys = Arrays.stream(model.numbers("model_trigram_keys")).mapToLong(v -> (long) v).toArray();
        trigrams = model.ints("model_trigrams");
    }

    @Override
    public byte[] handle(AppRequest request) {
        String q = Query.param(request.query(), "q");
        String prefix = Query.param(request.query(), "prefix");
        prefix = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        String[] context = context(q.toLowerCase(Locale.ROOT));
        int w1 = context[0] == null ? start : id(context[0]);
        int w2 = context[1] == null ? start : id(context[1]);
        int[] chosen = new int[top];
        double[] scores = new double[top];
        int count = 0;
        int tri = Arrays.binarySearch(trigramKeys, ((long) w1 << 16) | w2);
        int bi = Arrays.binarySearch(bigramKeys, w2);
        if (tri >= 0) {
            count = offerSlots(trigrams, tri, 1.0, prefix, chosen, scores, count);
        }
        if (bi >= 0) {
            count = offerSlots(bigrams, bi, backoff, prefix, chosen, scores, count);
        }
        for (int i = 0; i < words && count < top; i++) {
            count = offer(ranked[i], backoff * backoff * rankedCounts[i] / total, prefix, chosen, scores, count);
        }
        StringBuilder json = new StringBuilder("{\"context\":[");
        boolean first = true;
        for (String word : context) {
            if (word != null) {
                json.append(first ? "\"" : ",\"").append(word).append('"');
                first = false;
            }
        }
        json.append("],\"prefix\":\"").append(prefix).append("\",\"predictions\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "{\"word\":\"" : ",{\"word\":\"").append(text[chosen[i]]).append("\",\"score\":")
                    .append(String.format(Locale.ROOT, "%.6f", scores[i])).append('}');
        }
        return json.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private int offerSlots(int[] table, int index, double weight, String prefix, int[] chosen, double[] scores,
            int count) {
        int base = index * 2 * top;
        for (int i = 0; i < top; i++) {
            count = offer(table[base + 2 * i], weight * table[base + 2 * i + 1] / scale, prefix, chosen, scores, count);
        }
        return count;
    }

    private int offer(int word, double score, String prefix, int[] chosen, double[] scores, int count) {
        if (word == NONE || count == top || !text[word].startsWith(prefix)) {
            return count;
        }
        for (int i = 0; i < count; i++) {
            if (chosen[i] == word) {
                return count;
            }
        }
        chosen[count] = word;
        scores[count] = score;
        return count + 1;
    }

    private int id(String word) {
        int found = Arrays.binarySearch(text, word);
        return found >= 0 ? found : unknown;
    }

    /** The last two words (null before the first); a sentence end starts afresh, as in the guest. */
    private static String[] context(String q) {
        String[] last = new String[2];
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (isWordChar(c)) {
                int begin = i;
                boolean alnum = false;
                while (i < q.length() && isWordChar(q.charAt(i))) {
                    alnum |= Character.isLetterOrDigit(q.charAt(i++));
                }
                if (alnum) {
                    last[0] = last[1];
                    last[1] = q.substring(begin, i);
                }
            } else {
                i++;
                if ((c == '.' || c == '!' || c == '?') && (i == q.length() || Character.isWhitespace(q.charAt(i)))) {
                    last[0] = null;
                    last[1] = null;
                }
            }
        }
        return last;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '-';
    }
}
