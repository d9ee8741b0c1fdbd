package org.breakpilot.checkpoint.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one benchmark class, each with its cost relative to the class's baseline method.
 *
 * @param name the class name without its package
 * @param rows the results in the order they were read
 */
record BenchClass(String name, List<Row> rows) {

    /**
     * One result and its cost as a multiple of its baseline's: above 1 it costs more than the baseline.
     *
     * @param result the result
     * @param ratio  NaN when the class has no baseline that ran with this result's parameters, or a
     *               score is not a positive number
     */
    record Row(JmhResult result, double ratio) {

        /** Whether {@link #ratio} is a number. */
        boolean hasRatio() {
            return !Double.isNaN(ratio);
        }
    }

    BenchClass {
        rows = List.copyOf(rows);
    }

    /**
     * Groups results by class, in the order each class first appears, and relates each result to the
     * class's {@code baselineMethod}.
     */
    static List<BenchClass> group(List<JmhResult> results, String baselineMethod) {
        Map<String, List<JmhResult>> byClass = new LinkedHashMap<>();
        for (JmhResult result : results) {
            byClass.computeIfAbsent(result.className(), name -> new ArrayList<>()).add(result);
        }
        List<BenchClass> classes = new ArrayList<>();
        for (List<JmhResult> members : byClass.values()) {
            List<JmhResult> baselines = members.stream().filter(r -> r.method().equals(baselineMethod)).toList();
            List<Row> rows = members.stream()
                    .map(r -> new Row(r, baselineFor(r, baselines).map(b -> ratio(r, b)).orElse(Double.NaN)))
                    .toList();
            classes.add(new BenchClass(members.get(0).simpleClassName(), rows));
        }
        return classes;
    }

    /**
     * The baseline run with the same values of the parameters it has; with {@code @Param}s the
     * baseline is measured once per combination, and only the matching one is a fair comparison.
     * Among several, the one that shares the most parameters wins, then the first read.
     */
    private static Optional<JmhResult> baselineFor(JmhResult result, List<JmhResult> baselines) {
        return baselines.stream()
                .filter(b -> result.params().entrySet().containsAll(b.params().entrySet()))
                .max(Comparator.comparingInt(b -> b.params().size()));
    }

    /**
     * Compares costs per operation rather than scores, so that "how many times the baseline's cost"
     * holds across units and across modes: for two throughputs it is baseline / result.
     */
    private static double ratio(JmhResult result, JmhResult baseline) {
        double cost = result.secondsPerOp();
        double baselineCost = baseline.secondsPerOp();
        if (!(cost > 0 && baselineCost > 0 && Double.isFinite(cost) && Double.isFinite(baselineCost))) {
            return Double.NaN;
        }
        return cost / baselineCost;
    }
}
