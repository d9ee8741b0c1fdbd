package org.breakpilot.checkpoint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns JMH JSON results ({@code -rf json}) into {@code benchmarks.md}, a table per benchmark class
 * with each result's cost relative to its class's baseline method, and {@code benchmarks.png}, a bar
 * chart of those ratios. The {@code bench} Maven profile runs it after the benchmarks.
 *
 * <p>Usage: {@code BenchReport [--baseline NAME] --out DIR FILE.json [FILE.json...]}. On bad arguments
 * it prints one line to stderr and exits with 2; when a file cannot be read or written, with 1.
 */
public final class BenchReport {

    private static final String USAGE = "usage: BenchReport [--baseline NAME] --out DIR FILE.json [FILE.json...]";

    /**
     * The command line, parsed.
     *
     * @param baseline the method each class's results are compared with; {@code plain} by default
     * @param out      the directory to write the report into, created if missing
     * @param files    the JMH result files, at least one
     */
    record Arguments(String baseline, Path out, List<Path> files) {

        Arguments {
            files = List.copyOf(files);
        }

        /** Parses {@code args}; throws {@link IllegalArgumentException} saying what was wrong. */
        static Arguments parse(String... args) {
            String baseline = "plain";
            Path out = null;
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--baseline" -> baseline = value(args, ++i);
                    case "--out" -> out = Path.of(value(args, ++i));
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no JMH result file given");
            }
            return new Arguments(baseline, out, files);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length || args[i].isEmpty() || args[i].startsWith("--")) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    private BenchReport() {
    }

    /**
     * Writes the report for the files on the command line, or prints what was wrong on one line of
     * stderr and exits with 2 (arguments) or 1 (files).
     *
     * @param args {@code [--baseline NAME] --out DIR FILE.json [FILE.json...]}
     */
    public static void main(String[] args) {
        // Before any AWT class loads: the report is drawn on build machines without a display.
        System.setProperty("java.awt.headless", "true");
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("BenchReport: " + e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        try {
            write(arguments);
        } catch (IOException e) {
            System.err.println("BenchReport: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void write(Arguments arguments) throws IOException {
        JmhResultReader reader = new JmhResultReader();
        List<JmhResult> results = new ArrayList<>();
        for (Path file : arguments.files()) {
            results.addAll(reader.read(file));
        }
        List<BenchClass> classes = BenchClass.group(results, arguments.baseline());
        String markdown = MarkdownReport.render(results, classes, arguments.baseline(),
                Runtime.getRuntime().availableProcessors(), LocalDate.now());

        Chart chart = Chart.of(classes, arguments.baseline());

        Path markdownFile = arguments.out().resolve("benchmarks.md");
        Path chartFile = arguments.out().resolve("benchmarks.png");
        try {
            Files.createDirectories(arguments.out());
            Files.writeString(markdownFile, markdown, StandardCharsets.UTF_8);
            HorizontalBarChart.write(chartFile, chart.title(), chart.valueAxisTitle(), chart.bars());
        } catch (IOException e) {
            throw new IOException("cannot write the report into " + arguments.out() + ": " + reason(e), e);
        }
        System.out.println("BenchReport: wrote " + markdownFile + " and " + chartFile + " from " + results.size()
                + " results");
    }

    /**
     * What benchmarks.png shows.
     *
     * @param title          above the chart
     * @param valueAxisTitle under the bars
     * @param bars           top to bottom
     */
    private record Chart(String title, String valueAxisTitle, List<HorizontalBarChart.Bar> bars) {

        /**
         * The ratios of every result that has one; without any, the scores of the first class in its
         * first result's unit, so that a run without a baseline still gets a picture.
         */
        static Chart of(List<BenchClass> classes, String baseline) throws IOException {
            List<HorizontalBarChart.Bar> ratios = classes.stream()
                    .flatMap(c -> c.rows().stream().filter(BenchClass.Row::hasRatio)
                            .map(r -> new HorizontalBarChart.Bar(c.name() + "." + r.result().label() + "  "
                                    + SignificantFigures.ratio(r.ratio()), r.ratio())))
                    .toList();
            if (!ratios.isEmpty()) {
                String title = baseline.equals("plain") ? "Cost relative to a plain call" : "Cost relative to " + baseline;
                return new Chart(title, "× " + baseline + " (cost per operation)", ratios);
            }
            BenchClass first = classes.get(0);
            String unit = first.rows().get(0).result().unit();
            List<HorizontalBarChart.Bar> scores = first.rows().stream().map(BenchClass.Row::result)
                    .filter(r -> r.unit().equals(unit) && r.score() > 0 && Double.isFinite(r.score()))
                    .map(r -> new HorizontalBarChart.Bar(r.label() + "  " + SignificantFigures.of(r.score()), r.score()))
                    .toList();
            if (scores.isEmpty()) {
                throw new IOException("nothing to chart: no result has a " + baseline + " baseline and " + first.name()
                        + " has no positive score");
            }
            return new Chart(first.name() + " (" + unit + ")", unit, scores);
        }
    }

    /** Why a file operation failed: NIO leaves the reason out of the message of some exceptions. */
    private static String reason(IOException e) {
        if (!(e instanceof FileSystemException failure)) {
            return e.getMessage();
        }
        String why;
        if (failure.getReason() != null) {
            why = failure.getReason();
        } else if (failure instanceof AccessDeniedException) {
            why = "access denied";
        } else if (failure instanceof FileAlreadyExistsException) {
            why = "exists and is not a directory";
        } else if (failure instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else {
            why = failure.getClass().getSimpleName();
        }
        return failure.getFile() + ": " + why;
    }
}
