package org.breakpilot.samples.replayjob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * A ten-step nightly report whose steps are {@code @Checkpoint(replay = true)}. Kill it half way
 * ({@code kill -9}), start it again with the same journal, and the steps that completed return their
 * recorded results without running: only the rest do their (slow) work, and the report is the same as
 * an uninterrupted run's.
 *
 * <p>Each step's body prints {@code running <step>} when it really runs; {@code main} prints each
 * result as it gets it, so the two runs can be compared line by line. A step takes
 * {@code -Dreplayjob.stepMillis} milliseconds (default 400) to leave time to kill it.
 */
public final class ReplayJob {

    /** One region's figures. */
    public record RegionTotals(String region, long orders, long revenueCents, List<String> notes) {
    }

    private static final List<String> REGIONS = List.of("north", "south", "east", "west", "central", "islands", "online");

    private final long stepMillis = Long.getLong("replayjob.stepMillis", 400);

    public static void main(String[] args) {
        String session = args.length > 0 ? args[0] : "nightly-report";
        ReplayJob job = new ReplayJob();
        try (Checkpoints.Scope scope = Checkpoints.session(session)) {
            Map<String, Integer> config = job.loadConfig("2026-11-25");
            System.out.println("step 1 config " + config);
            List<RegionTotals> totals = new ArrayList<>();
            for (int i = 0; i < REGIONS.size(); i++) {
                RegionTotals region = job.aggregate(REGIONS.get(i), config.get("scale"));
                totals.add(region);
                System.out.println("step " + (i + 2) + " " + region);
            }
            job.notifyFinance(totals.size());
            System.out.println("step 9 finance notified");
            String report = job.render(totals);
            System.out.println("step 10 " + report);
        }
        // Done: a later run with the same session name starts the report afresh.
        Checkpoints.complete(session);
    }

    @Checkpoint(value = "load-config", replay = true)
    Map<String, Integer> loadConfig(String day) {
        work("load-config");
        Map<String, Integer> config = new LinkedHashMap<>();
        config.put("scale", 3);
        config.put("day", Integer.parseInt(day.substring(8)));
        return config;
    }

    @Checkpoint(value = "aggregate", replay = true)
    RegionTotals aggregate(String region, int scale) {
        work("aggregate " + region);
        long orders = (long) region.length() * 1_000 * scale;
        return new RegionTotals(region, orders, orders * 1_999, List.of("checked", region.toUpperCase()));
    }

    @Checkpoint(value = "notify-finance", replay = true)
    void notifyFinance(int regions) {
        work("notify-finance");
        System.out.println("  (finance was sent a notice about " + regions + " regions)");
    }

    @Checkpoint(value = "render", replay = true)
    String render(List<RegionTotals> totals) {
        work("render");
        long orders = totals.stream().mapToLong(RegionTotals::orders).sum();
        long revenue = totals.stream().mapToLong(RegionTotals::revenueCents).sum();
        return "report: " + totals.size() + " regions, " + orders + " orders, revenue " + revenue / 100 + "."
                + String.format("%02d", revenue % 100);
    }

    private void work(String what) {
        System.out.println("  running " + what);
        try {
            Thread.sleep(stepMillis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
