package dev.wedge.kv.embedded;

import dev.wedge.kv.Glob;
import dev.wedge.kv.ScanPage;
import dev.wedge.kv.ScoredMember;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Sorted sets of the embedded store, in two maps: {@code key NUL member -> score} to find a member, and
 * {@code key NUL sortable-score NUL member} to walk members in score order. Members are kept as ISO-8859-1
 * strings, which map bytes one to one and keep their order. Callers hold the key's lock for writes.
 */
final class MvSortedSets {

    private static final char SEPARATOR = '\0';

    private final MVMap<String, Double> scores;
    private final MVMap<String, Boolean> order;

    MvSortedSets(MVStore store) {
        this.scores = store.openMap("zset-scores");
        this.order = store.openMap("zset-order");
    }

    void add(String key, double score, byte[] member) {
        String name = new String(member, StandardCharsets.ISO_8859_1);
        Double previous = scores.put(key + SEPARATOR + name, score);
        if (previous != null) {
            order.remove(orderKey(key, previous, name));
        }
        order.put(orderKey(key, score, name), Boolean.TRUE);
    }

    List<ScoredMember> rangeByScore(String key, double min, double max, int limit) {
        String prefix = key + SEPARATOR;
        String last = SortableScore.encode(max);
        List<ScoredMember> members = new ArrayList<>();
        for (Cursor<String, Boolean> it = order.cursor(prefix + SortableScore.encode(min)); it.hasNext(); ) {
            String entry = it.next();
            if (!entry.startsWith(prefix) || members.size() >= limit) {
                break;
            }
            String rest = entry.substring(prefix.length());
            if (rest.substring(0, SortableScore.LENGTH).compareTo(last) > 0) {
                break;
            }
            String name = rest.substring(SortableScore.LENGTH + 1);
            members.add(new ScoredMember(name.getBytes(StandardCharsets.ISO_8859_1), scores.get(prefix + name)));
        }
        return members;
    }

    ScanPage<ScoredMember> scan(String key, String pattern, String cursor, int limit) {
        String prefix = key + SEPARATOR;
        Glob glob = Glob.compile(pattern);
        String after = cursor.isEmpty() ? null : prefix + Cursors.decode(cursor);
        List<ScoredMember> members = new ArrayList<>();
        int examined = 0;
        for (Cursor<String, Double> it = scores.cursor(after != null ? after : prefix); it.hasNext(); ) {
            String entry = it.next();
            if (!entry.startsWith(prefix)) {
                break;
            }
            if (entry.equals(after)) {
                continue;
            }
            byte[] member = entry.substring(prefix.length()).getBytes(StandardCharsets.ISO_8859_1);
            if (glob.matches(new String(member, StandardCharsets.UTF_8))) {
                members.add(new ScoredMember(member, it.getValue()));
            }
            if (members.size() >= limit || ++examined >= Cursors.MAX_EXAMINED) {
                return new ScanPage<>(members, Cursors.encode(entry.substring(prefix.length())));
            }
        }
        return new ScanPage<>(members, "");
    }

    /** Removes every member of a sorted set (when the key is deleted or overwritten). */
    void clear(String key) {
        String prefix = key + SEPARATOR;
        List<String> doomed = new ArrayList<>();
        for (Cursor<String, Double> it = scores.cursor(prefix); it.hasNext(); ) {
            String entry = it.next();
            if (!entry.startsWith(prefix)) {
                break;
            }
            doomed.add(entry);
            order.remove(orderKey(key, it.getValue(), entry.substring(prefix.length())));
        }
        doomed.forEach(scores::remove);
    }

    private static String orderKey(String key, double score, String name) {
        return key + SEPARATOR + SortableScore.encode(score) + SEPARATOR + name;
    }
}
