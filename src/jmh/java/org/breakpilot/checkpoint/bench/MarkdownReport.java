package org.breakpilot.checkpoint.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** The benchmark results as markdown: one line on where they were measured, then a table per class. */
final class MarkdownReport {

    /**
     * {@code -prof gc} divides a whole iteration's allocation by its operations, so code that allocates
     * nothing still shows a fraction of a byte, from the harness; below this it reads as zero.
     */
    private static final double NO_ALLOCATION = 0.1;

    private MarkdownReport() {
    }

    /**
     * The report for {@code classes}, measured by the JVMs in {@code results} on {@code cores} cores,
     * with ratios to each class's {@code baselineMethod}.
     */
    static String render(List<JmhResult> results, List<BenchClass> classes, String baselineMethod, int cores,
            LocalDate date) {
        String vms = results.stream().map(JmhResult::vm).distinct().collect(Collectors.joining(" and "));
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(date).append(" on ").append(vms).append(", ").append(cores).append(" cores. ")
                .append("Ratios on a shared ").append(cores).append("-core machine; ")
                .append("lower is better for times, higher for throughput. ")
                .append("\"× baseline\" is a row's cost per operation as a multiple of that of its class's `")
                .append(baselineMethod).append("` row.\n");
        for (BenchClass benchClass : classes) {
            md.append("\n## ").append(benchClass.name()).append("\n\n")
                    .append("| Benchmark | Score ± error | B/op | × baseline |\n")
                    .append("|:--|--:|--:|--:|\n");
            for (BenchClass.Row row : benchClass.rows()) {
                JmhResult result = row.result();
                md.append("| ").append(escape(result.label()))
                        .append(" | ").append(score(result))
                        .append(" | ").append(allocation(result.bytesPerOp()))
                        .append(" | ").append(SignificantFigures.ratio(row.ratio()))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static String score(JmhResult result) {
        return SignificantFigures.withError(result.score(), result.scoreError()) + " " + result.unit();
    }

    private static String allocation(double bytesPerOp) {
        if (Double.isNaN(bytesPerOp)) {
            return "–";
        }
        return bytesPerOp < NO_ALLOCATION ? "≈ 0" : SignificantFigures.of(bytesPerOp);
    }

    /** A parameter value may hold a pipe, which would end the table cell. */
    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
