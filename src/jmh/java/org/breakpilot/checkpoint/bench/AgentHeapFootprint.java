package org.breakpilot.checkpoint.bench;

import org.breakpilot.bench.CallTargets;

/**
 * The heap a checkpoint the agent records costs while retained: the calls of {@code CallBenchmark}'s
 * methods, nothing captured or three arguments and a result, made in a JVM started with the packaged
 * agent, {@code store=memory} and a retention that keeps every checkpoint. Run by
 * {@code scripts/heap-footprint.sh}; arguments: {@code bare|captured [count]}.
 */
public final class AgentHeapFootprint {

    private static final int WARM_UP_CALLS = 10_000;

    private AgentHeapFootprint() {
    }

    /**
     * Records {@code count} calls of one kind and prints the used heap they added, per checkpoint.
     *
     * @param args {@code bare|captured [count]}, by default 100 000
     * @throws InterruptedException when interrupted between collections
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || !(args[0].equals("bare") || args[0].equals("captured"))) {
            throw new IllegalArgumentException("usage: AgentHeapFootprint bare|captured [count]");
        }
        boolean captured = args[0].equals("captured");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        // The first calls load and weave; their classes and caches belong in the baseline.
        call(captured, 0, WARM_UP_CALLS);
        long before = HeapFootprint.usedAfterGc();
        call(captured, WARM_UP_CALLS, count);
        long after = HeapFootprint.usedAfterGc();
        System.out.printf("| %s | %,d | %.1f MB | %.1f MB | %,d |%n", captured ? "3 arguments and a result" : "nothing",
                count, HeapFootprint.mb(before), HeapFootprint.mb(after), (after - before) / count);
    }

    /** Calls {@code count} times; a fresh query string per call, as an application's values would be. */
    private static void call(boolean captured, int from, int count) {
        for (int i = from; i < from + count; i++) {
            String query = "query-" + i;
            CallTargets.Owner owner = new CallTargets.Owner("ada", i % 10);
            if (captured) {
                CallTargets.checkpointCaptured(query, i, owner);
            } else {
                CallTargets.checkpointBare(query, i, owner);
            }
        }
    }
}
