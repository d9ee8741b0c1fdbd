package org.breakpilot.checkpoint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Map;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * The heap a {@link CheckpointManager} holds, measured as used heap after full collections rather than
 * with JMH, because what matters is what stays reachable, not how fast it is made:
 * <ol>
 *   <li>the bytes retained per checkpoint, with 100 000 small checkpoints all retained;</li>
 *   <li>the heap of one session with the default retention after 1, 5 and 10 million creates, which
 *       must stay flat: retention bounds the manager whatever it has seen.</li>
 * </ol>
 * Run by {@code scripts/heap-footprint.sh} with a fixed {@code -Xmx}; arguments, all optional:
 * {@code [retained] [creates...]}, by default {@code 100000 1000000 5000000 10000000}.
 */
public final class HeapFootprint {

    /** Growth between the first and last point of the flat test above which the heap is not flat. */
    private static final long FLAT_TOLERANCE_BYTES = 1L << 20;
    private static final int NAMES = 60;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapFootprint() {
    }

    /**
     * Runs both measurements and prints their tables.
     *
     * @param args {@code [retained] [creates...]}: the checkpoints to retain for the per-checkpoint
     *             figure, then the create counts (increasing) at which to read the heap
     * @throws InterruptedException when interrupted between collections
     */
    public static void main(String[] args) throws InterruptedException {
        int retained = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long[] points = args.length > 1 ? new long[args.length - 1] : new long[] {1_000_000, 5_000_000, 10_000_000};
        for (int i = 1; i < args.length; i++) {
            points[i - 1] = Long.parseLong(args[i]);
        }
        System.out.printf("JDK %s, GC %s, -Xmx %d MB, %d cores%n", System.getProperty("java.version"),
                ManagementFactory.getGarbageCollectorMXBeans().get(0).getName(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        perCheckpoint(retained);
        flatUnderDefaultRetention(points);
    }

    private static void perCheckpoint(int count) throws InterruptedException {
        // Warm the snapshot and id code on a throw-away manager first, so classes it loads and caches
        // it fills are in the baseline, not charged to the checkpoints.
        fill(new CheckpointManager("warm-up", new RetentionPolicy(1_000, 1_000, 20)), 10_000);
        long before = usedAfterGc();
        CheckpointManager manager = new CheckpointManager("retained", new RetentionPolicy(count, count, 20));
        fill(manager, count);
        long after = usedAfterGc();
        if (manager.size() != count) {
            throw new IllegalStateException("expected " + count + " retained checkpoints, got " + manager.size());
        }
        Reference.reachabilityFence(manager);
        System.out.printf("%nRetained bytes per checkpoint (data: String, int, 2-entry map; metadata: 2 fields)%n");
        System.out.printf("| retained | used heap before | used heap after | bytes per checkpoint |%n");
        System.out.printf("|---:|---:|---:|---:|%n");
        System.out.printf("| %,d | %.1f MB | %.1f MB | %,d |%n", count, mb(before), mb(after), (after - before) / count);
    }

    private static void flatUnderDefaultRetention(long[] points) throws InterruptedException {
        CheckpointManager manager = new CheckpointManager("flat", RetentionPolicy.DEFAULT);
        long baseline = usedAfterGc();
        System.out.printf("%nOne session, default retention %s, %d distinct names%n", RetentionPolicy.DEFAULT, NAMES);
        System.out.printf("| creates | retained | used heap after GC | change since start | seconds |%n");
        System.out.printf("|---:|---:|---:|---:|---:|%n");
        long created = 0;
        long first = -1;
        long last = 0;
        long start = System.nanoTime();
        for (long point : points) {
            fill(manager, point - created, created);
            created = point;
            double seconds = (System.nanoTime() - start) / 1e9;
            last = usedAfterGc();
            first = first < 0 ? last : first;
            System.out.printf("| %,d | %d | %.2f MB | %+,d KB | %.1f |%n", created, manager.size(), mb(last),
                    (last - baseline) >> 10, seconds);
        }
        Reference.reachabilityFence(manager);
        long growth = last - first;
        System.out.printf("%nflat: %s (%+,d bytes from %,d to %,d creates; tolerance %d KB)%n",
                growth <= FLAT_TOLERANCE_BYTES ? "yes" : "NO", growth, points[0], created,
                FLAT_TOLERANCE_BYTES >> 10);
    }

    private static void fill(CheckpointManager manager, long count) {
        fill(manager, count, 0);
    }

    /** Creates {@code count} checkpoints numbered from {@code from}, cycling through {@value #NAMES} names. */
    private static void fill(CheckpointManager manager, long count, long from) {
        for (long n = from; n < from + count; n++) {
            int i = (int) n;
            // A fresh String per checkpoint, as an application's values would be, so none is shared.
            manager.create("step-" + (i % NAMES),
                    Map.of("item", "item-" + i, "count", i, "nested", Map.of("attempt", i % 3, "ok", true)),
                    Map.of("source", "heap-footprint", "worker", i % 4));
        }
    }

    /**
     * Used heap after full collections, repeated until it stops falling: one {@code System.gc()} can
     * leave objects that only become unreachable once another's finalisation or reference processing
     * is done.
     */
    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            Thread.sleep(50);
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (round >= 2 && now >= used) {
                return Math.min(used, now);
            }
            used = Math.min(used, now);
        }
        return used;
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
