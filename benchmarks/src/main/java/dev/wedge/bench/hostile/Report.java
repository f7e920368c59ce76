package dev.wedge.bench.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every case the suite ran, by group: how many, what they were answered, and which answers were not expected. */
final class Report {

    private final Map<String, Map<String, Integer>> outcomes = new LinkedHashMap<>();
    private final List<String> unexpected = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();

    /** Records one case: its group, the answer it got, and whether that answer is the defined one. */
    synchronized void record(String group, String outcome, boolean expected, String detail) {
        outcomes.computeIfAbsent(group, key -> new LinkedHashMap<>()).merge(outcome, 1, Integer::sum);
        if (!expected) {
            unexpected.add(group + ": " + detail + " -> " + outcome);
        }
    }

    synchronized void figure(String line) {
        figures.add(line);
    }

    synchronized int cases() {
        return outcomes.values().stream().flatMap(map -> map.values().stream()).mapToInt(Integer::intValue).sum();
    }

    synchronized boolean passed() {
        return unexpected.isEmpty();
    }

    synchronized String text() {
        var out = new StringBuilder();
        out.append(String.format("%-28s %7s  %s%n", "group", "cases", "outcomes"));
        outcomes.forEach((group, answers) -> out.append(String.format("%-28s %7d  %s%n", group,
                answers.values().stream().mapToInt(Integer::intValue).sum(), answers)));
        out.append(String.format("%-28s %7d%n", "all", cases()));
        figures.forEach(line -> out.append(line).append(System.lineSeparator()));
        if (unexpected.isEmpty()) {
            out.append("every case got its defined answer").append(System.lineSeparator());
        } else {
            out.append(unexpected.size()).append(" unexpected:").append(System.lineSeparator());
            unexpected.stream().limit(50).forEach(line -> out.append("  ").append(line).append(System.lineSeparator()));
        }
        return out.toString();
    }
}
