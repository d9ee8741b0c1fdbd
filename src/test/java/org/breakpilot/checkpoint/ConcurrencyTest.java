package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Defect 4: the reference is not thread-safe. Eight threads at once lose nothing here. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CREATES_PER_THREAD = 5_000;

    @Test
    void concurrentCreatesWithReadersLoseNothingAndNeverRepeatAnId() throws Exception {
        CheckpointManager manager = new CheckpointManager("s", new RetentionPolicy(1_000_000, 1_000_000, 20));
        Set<String> heard = ConcurrentHashMap.newKeySet();
        manager.onCheckpoint(c -> heard.add(c.id()));
        Set<String> returned = ConcurrentHashMap.newKeySet();

        runTogether(thread -> {
            for (int i = 0; i < CREATES_PER_THREAD; i++) {
                Checkpoint checkpoint = manager.create("step" + (i % 60), Map.of("thread", thread, "i", i));
                returned.add(checkpoint.id());
                if (i % 2_500 == 0) {
                    assertEquals(checkpoint, manager.get(checkpoint.id()).orElseThrow());
                    manager.exportJson();
                    manager.getSummary();
                }
            }
        });

        int total = THREADS * CREATES_PER_THREAD;
        assertEquals(total, returned.size());
        assertEquals(total, heard.size());
        assertEquals(total, manager.size());
        for (int n = 1; n <= total; n++) {
            assertTrue(returned.contains("s:" + n), "s:" + n);
        }
        assertEquals(total, new CheckpointManager("s").importJson(manager.exportJson()));
    }

    @Test
    void concurrentCreateImportExportAndClearKeepIdsUniqueAndStateConsistent() throws Exception {
        CheckpointManager manager = new CheckpointManager("s");
        Set<String> created = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();

        runTogether(thread -> {
            for (int i = 0; i < CREATES_PER_THREAD; i++) {
                if (!created.add(manager.create("step" + (i % 60), Map.of("i", i)).id())) {
                    duplicates.incrementAndGet();
                }
                switch (i % 1000) {
                    case 100 -> manager.importJson(CheckpointManagerTest.export(
                            CheckpointManagerTest.record("import-" + thread + "-" + i, "imported", "2026-01-01T00:00:00Z")));
                    case 200 -> new CheckpointManager("copy").importJson(manager.exportJson());
                    case 300 -> manager.clear();
                    default -> manager.get("s:" + i);
                }
            }
        });

        assertEquals(0, duplicates.get());
        assertEquals(THREADS * CREATES_PER_THREAD, created.size());
        List<Checkpoint> retained = manager.getAll();
        assertTrue(retained.size() <= RetentionPolicy.DEFAULT.maxCheckpoints(), "retained " + retained.size());
        assertEquals(retained.size(), new HashSet<>(CheckpointManagerTest.ids(retained)).size());
        for (Checkpoint checkpoint : retained) {
            assertEquals(checkpoint, manager.get(checkpoint.id()).orElseThrow());
        }
    }

    private interface Work {
        void run(int thread) throws Exception;
    }

    private static void runTogether(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
