package org.breakpilot.checkpoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a disk that fills up and is freed again ({@link FullDisk}): creating never fails,
 * what cannot wait is dropped and counted, each warning is printed once, and once space is back the
 * records held are written without waiting for new ones, later ones follow, and the journal reopens
 * intact with everything it was given.
 */
class JournalDiskFullTest {

    private static final RetentionPolicy KEEP_ALL = new RetentionPolicy(100_000, 100_000, 20);
    // More than the writer holds back (its batch of 4 096) plus the queue, so that some are dropped.
    private static final int DURING_OUTAGE = 6_000;

    @TempDir
    Path dir;

    // One segment: no compaction competes with the writer for the last bytes of the disk.
    private JournalOptions options() {
        return JournalOptions.builder(dir).fsyncIntervalMs(10).queueSize(256).retention(KEEP_ALL).build();
    }

    @Test
    void aFullDiskDropsWithOneWarningAndTheJournalResumesIntactOnceSpaceIsFreed() throws Exception {
        FullDisk disk = new FullDisk();
        List<String> ids = new ArrayList<>();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        long dropped;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try (JournalStore store = JournalStore.open(options(), new JournalDirectory(dir, disk))) {
            CheckpointManager manager = writeIntoAnOutage(store, disk, ids);
            dropped = store.dropped();
            long acknowledged = 100 + DURING_OUTAGE - dropped;

            disk.free();
            await(() -> store.written() == acknowledged, "what was held written once space is back, with no new record");
            create(manager, 100, ids);
            await(() -> store.written() == acknowledged + 100, "new records written after the outage");
        } finally {
            System.setErr(original);
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "an id was handed out twice");

        // One line each: the writer's, and the queue's once it fills.
        List<String> warnings = stderr.toString(StandardCharsets.UTF_8).lines().toList();
        String all = String.join("\n", warnings);
        assertEquals(2, warnings.size(), all);
        assertEquals(1, count(warnings, "Cannot write checkpoint journal", "No space left on device"), all);
        assertEquals(1, count(warnings, "records behind", "counted as dropped"), all);

        JournalInspector journal = JournalInspector.read(dir, KEEP_ALL);
        assertFalse(journal.damaged() || journal.tornTail(), String.join("\n", journal.fileReports()));
        try (JournalStore reopened = JournalStore.open(options())) {
            CheckpointManager restored = reopened.restored().iterator().next();
            List<String> restoredIds = restored.getAll().stream().map(Checkpoint::id).toList();
            assertEquals(ids.size() - dropped, restoredIds.size());
            assertEquals(ids.subList(0, 100), restoredIds.subList(0, 100), "written before the outage");
            assertEquals(ids.subList(ids.size() - 100, ids.size()),
                    restoredIds.subList(restoredIds.size() - 100, restoredIds.size()), "written after it");
            assertTrue(ids.containsAll(restoredIds), "restored an id never handed out");
            assertEquals("s:" + (ids.size() + 1), restored.create("after", Map.of()).id());
        }
    }

    @Test
    void recordsHeldThroughAnOutageThatHitANewSegmentAreWrittenOnceSpaceIsFreedWithNoNewRecord() throws Exception {
        FullDisk disk = new FullDisk();
        disk.fill(0);
        List<String> ids = new ArrayList<>();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (JournalStore store = JournalStore.open(options(), new JournalDirectory(dir, disk))) {
            CheckpointManager manager = new CheckpointManager("s", KEEP_ALL, store.changeLog());
            // The first segment is created with the first record: on a full disk, its header is refused.
            create(manager, 200, ids);
            await(() -> disk.failedWrites() > 1, "the writer retried");

            disk.free();
            await(() -> store.written() == 200, "the 200 held records written with no new record to wake the writer");
            assertEquals(0, store.dropped());
        } finally {
            System.setErr(original);
        }
        try (JournalStore reopened = JournalStore.open(options())) {
            assertEquals(ids, reopened.restored().iterator().next().getAll().stream().map(Checkpoint::id).toList());
        }
    }

    @Test
    void idsOfDroppedRecordsAreNotHandedOutAgainAfterARestart() throws Exception {
        FullDisk disk = new FullDisk();
        List<String> ids = new ArrayList<>();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (JournalStore store = JournalStore.open(options(), new JournalDirectory(dir, disk))) {
            // The session's last checkpoints are the ones dropped, and none follows them.
            writeIntoAnOutage(store, disk, ids);
            long acknowledged = 100 + DURING_OUTAGE - store.dropped();
            disk.free();
            await(() -> store.written() == acknowledged, "what was held written once space is back");
        } finally {
            System.setErr(original);
        }
        try (JournalStore reopened = JournalStore.open(options())) {
            CheckpointManager restored = reopened.restored().iterator().next();
            assertTrue(restored.size() < ids.size(), "nothing was dropped: this test would prove nothing");
            assertEquals("s:" + (ids.size() + 1), restored.create("after", Map.of()).id(),
                    "an id of a dropped checkpoint was handed out again");
        }
    }

    /** 100 checkpoints written, then {@link #DURING_OUTAGE} more on a disk full after 3 000 bytes: some dropped. */
    private static CheckpointManager writeIntoAnOutage(JournalStore store, FullDisk disk, List<String> ids)
            throws InterruptedException {
        CheckpointManager manager = new CheckpointManager("s", KEEP_ALL, store.changeLog());
        create(manager, 100, ids);
        await(() -> store.written() == 100, "the first 100 records written");
        disk.fill(3_000);
        create(manager, DURING_OUTAGE, ids);
        await(() -> store.dropped() > 0 && disk.failedWrites() > 0, "writes refused and records dropped");
        return manager;
    }

    private static void create(CheckpointManager manager, int count, List<String> ids) {
        for (int i = 0; i < count; i++) {
            ids.add(manager.create("step", Map.of("i", i, "padding", "p".repeat(40))).id());
        }
    }

    private static long count(List<String> lines, String text, String alsoText) {
        return lines.stream().filter(line -> line.contains(text) && line.contains(alsoText)).count();
    }

    private static void await(Callable<Boolean> condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(condition);
    }
}
