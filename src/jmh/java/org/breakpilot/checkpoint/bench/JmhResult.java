package org.breakpilot.checkpoint.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One row of a JMH JSON result: one benchmark method, for one combination of {@code @Param} values,
 * in one mode.
 *
 * @param className   the benchmark class, fully qualified
 * @param method      the benchmark method
 * @param params      the {@code @Param} values in JMH's order; empty when the benchmark has none
 * @param mode        JMH's short mode label: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param score       the primary score in {@code unit}
 * @param scoreError  the half-width of the 99.9% confidence interval; NaN when JMH had too few
 *                    iterations to give one
 * @param unit        JMH's score unit: {@code ops/<time>} for {@code thrpt}, {@code <time>/op} otherwise
 * @param bytesPerOp  {@code gc.alloc.rate.norm} from {@code -prof gc}; NaN when not profiled
 * @param vm          the JVM that ran it, as "vmName jdkVersion"
 */
record JmhResult(String className, String method, Map<String, String> params, String mode, double score,
        double scoreError, String unit, double bytesPerOp, String vm) {

    private static final List<String> MODES = List.of("thrpt", "avgt", "sample", "ss");

    /** Each time unit by the name JMH gives it in score units, shortest first. */
    private static final Map<String, TimeUnit> TIME_UNITS = Arrays.stream(TimeUnit.values())
            .collect(Collectors.toMap(TimeValue::tuToString, unit -> unit, (a, b) -> a, LinkedHashMap::new));

    /** Checks mode and unit here, so that comparing two results cannot meet an unknown unit later. */
    JmhResult {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("mode must be one of " + MODES + ", got " + mode);
        }
        String expected = mode.equals("thrpt") ? "ops/<time>" : "<time>/op";
        String time = timeOf(mode, unit);
        if (time == null || !TIME_UNITS.containsKey(time)) {
            throw new IllegalArgumentException("scoreUnit for mode " + mode + " must be " + expected + " with <time> one of "
                    + TIME_UNITS.keySet() + ", got " + unit);
        }
    }

    /** The class name without its package, as the report's headings show it. */
    String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The method and its parameters, such as {@code create (store=batch)}. */
    String label() {
        if (params.isEmpty()) {
            return method;
        }
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", method + " (", ")"));
    }

    /**
     * What one operation cost, in seconds, whatever the mode: a throughput is turned into its inverse,
     * so that results measured in different modes or units compare directly.
     */
    double secondsPerOp() {
        double seconds = TIME_UNITS.get(timeOf(mode, unit)).toNanos(1) * 1e-9;
        return mode.equals("thrpt") ? seconds / score : score * seconds;
    }

    /** The time part of a unit: {@code s} of {@code ops/s} or of {@code s/op}; null if the unit has neither form. */
    private static String timeOf(String mode, String unit) {
        if (unit == null) {
            return null;
        }
        if (mode.equals("thrpt")) {
            return unit.startsWith("ops/") ? unit.substring("ops/".length()) : null;
        }
        return unit.endsWith("/op") ? unit.substring(0, unit.length() - "/op".length()) : null;
    }
}
