package org.breakpilot.checkpoint.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStoreTest {

    @TempDir
    Path dir;

    private JournalOptions options(WriteOptions.Fsync fsync, long segmentBytes, RetentionPolicy retention) {
        return JournalOptions.builder(dir).fsync(fsync).onFull(WriteOptions.OnFull.BLOCK).segmentBytes(segmentBytes)
                .retention(retention).build();
    }

    private JournalOptions always() {
        return options(WriteOptions.Fsync.ALWAYS, 16L * 1024 * 1024, RetentionPolicy.DEFAULT);
    }

    private static CheckpointManager session(JournalStore store, String id) {
        return store.restored().stream().filter(m -> m.sessionId().equals(id)).findFirst()
                .orElseGet(() -> new CheckpointManager(id, store.options().retention(), store.changeLog()));
    }

    private static List<String> ids(CheckpointManager manager) {
        return manager.getAll().stream().map(Checkpoint::id).toList();
    }

    @Test
    void reopeningRestoresCheckpointsAndTheIdCounter() throws IOException {
        List<Checkpoint> created = new ArrayList<>();
        try (JournalStore store = JournalStore.open(always())) {
            CheckpointManager manager = session(store, "job");
            for (int i = 0; i < 5; i++) {
                created.add(manager.create("step", Map.of("i", i, "nested", Map.of("list", List.of(1.5, "x")))));
            }
        }

        try (JournalStore store = JournalStore.open(always())) {
            CheckpointManager manager = session(store, "job");
            assertEquals(created, manager.getAll());
            assertEquals("job:6", manager.create("step", Map.of()).id());
        }
    }

    @Test
    void changesMadeAfterCloseAreWrittenByTheirCallersAndRestored() throws IOException {
        for (WriteOptions.Fsync fsync : WriteOptions.Fsync.values()) {
            Path journal = dir.resolve(fsync.name());
            JournalOptions options = JournalOptions.builder(journal).fsync(fsync)
                    .onFull(WriteOptions.OnFull.BLOCK).build();
            List<Checkpoint> created = new ArrayList<>();
            JournalStore store = JournalStore.open(options);
            CheckpointManager manager = new CheckpointManager("job", RetentionPolicy.DEFAULT, store.changeLog());
            created.add(manager.create("before", Map.of()));
            store.close();

            created.add(manager.create("after", Map.of("i", 1)));
            created.add(manager.create("after", Map.of("i", 2)));
            CheckpointManager lateSession = new CheckpointManager("late", RetentionPolicy.DEFAULT, store.changeLog());
            Checkpoint late = lateSession.create("after", Map.of());

            try (JournalStore reopened = JournalStore.open(options)) {
                assertEquals(created, session(reopened, "job").getAll(), fsync.name());
                assertEquals(List.of(late), session(reopened, "late").getAll(), fsync.name());
                assertEquals(0, store.dropped(), fsync.name());
            }
        }
    }

    @Test
    void aTornTailIsTruncatedAndEveryEarlierRecordKept() throws IOException {
        try (JournalStore store = JournalStore.open(always())) {
            CheckpointManager manager = session(store, "job");
            for (int i = 0; i < 10; i++) {
                manager.create("step", Map.of("i", i));
            }
        }
        Path segment = lastSegment();
        long intactSize = Files.size(segment);
        // A record whose write stopped half way: a length, a CRC, and part of the payload.
        appendBytes(segment, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, '{', '"', 's'});

        try (JournalStore store = JournalStore.open(always())) {
            assertEquals(10, session(store, "job").size());
        }
        assertEquals(intactSize, Files.size(segment));
        assertFalse(JournalInspector.read(dir, RetentionPolicy.DEFAULT).tornTail());
    }

    @Test
    void aFlippedBitInTheMiddleIsReportedWithItsOffsetAndTheOtherRecordsLoad() throws IOException {
        try (JournalStore store = JournalStore.open(always())) {
            CheckpointManager manager = session(store, "job");
            for (int i = 0; i < 10; i++) {
                manager.create("step", Map.of("i", i));
            }
        }
        Path segment = lastSegment();
        byte[] bytes = Files.readAllBytes(segment);
        int fifthRecord = offsetOfRecord(bytes, 4);
        bytes[fifthRecord + SegmentFormat.FRAME_OVERHEAD + 20] ^= 0x04;
        Files.write(segment, bytes);

        JournalInspector inspection = JournalInspector.read(dir, RetentionPolicy.DEFAULT);
        assertTrue(inspection.damaged());
        assertTrue(inspection.fileReports().get(0).contains("damaged at offset " + fifthRecord), inspection.fileReports().toString());
        assertEquals(9, inspection.records());

        try (JournalStore store = JournalStore.open(always())) {
            List<String> ids = ids(session(store, "job"));
            assertFalse(ids.contains("job:5"));
            assertEquals(9, ids.size());
            assertTrue(ids.containsAll(List.of("job:1", "job:4", "job:6", "job:10")));
        }
    }

    @Test
    void aSecondOwnerIsRefusedWithTheFirstOnesPid() throws IOException {
        try (JournalStore first = JournalStore.open(always())) {
            IOException refused = assertThrows(IOException.class, () -> JournalStore.open(always()));
            assertTrue(JournalStore.inUse(refused));
            assertTrue(refused.getMessage().contains("in use by process " + ProcessHandle.current().pid()),
                    refused.getMessage());
        }
    }

    @Test
    void theDirectoryAndItsFilesAreOwnerOnly() throws IOException {
        Path journal = dir.resolve("nested/journal");
        try (JournalStore store = JournalStore.open(JournalOptions.builder(journal).queueSize(100)
                .writeTimeoutMs(1000).segmentBytes(1 << 20).maxReplaySteps(10).build())) {
            new CheckpointManager("s", RetentionPolicy.DEFAULT, store.changeLog()).create("a", Map.of());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));
        try (Stream<Path> files = Files.list(journal)) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
    }

    @Test
    void compactionShrinksTheJournalToWhatIsRetained() throws Exception {
        RetentionPolicy retention = new RetentionPolicy(40, 30, 10);
        List<Checkpoint> retained;
        try (JournalStore store = JournalStore.open(options(WriteOptions.Fsync.NONE, 4096, retention))) {
            CheckpointManager manager = session(store, "job");
            for (int i = 0; i < 3000; i++) {
                manager.create("step-" + (i % 7), Map.of("i", i, "padding", "x".repeat(40)));
            }
            // About 500 KB of records written; 40 retained and one open segment are under 25 KB.
            long bound = 25_000;
            await("every record written and the journal compacted").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                        assertEquals(3000, store.written());
                        assertTrue(journalBytes() <= bound, "journal still holds " + journalBytes() + " bytes");
                    });
            retained = manager.getAll();
        }

        try (JournalStore store = JournalStore.open(options(WriteOptions.Fsync.NONE, 4096, retention))) {
            assertEquals(retained, session(store, "job").getAll());
            assertEquals("job:3001", session(store, "job").create("next", Map.of()).id());
        }
    }

    @Test
    void aRewindSurvivesARestartAndIdsAreNotReused() throws IOException {
        try (JournalStore store = JournalStore.open(always())) {
            CheckpointManager manager = session(store, "job");
            for (int i = 0; i < 10; i++) {
                manager.create("step", Map.of("i", i));
            }
            assertEquals(6, manager.rewindTo("job:4"));
        }
        try (JournalStore store = JournalStore.open(always())) {
            CheckpointManager manager = session(store, "job");
            assertEquals(List.of("job:1", "job:2", "job:3", "job:4"), ids(manager));
            assertEquals("job:11", manager.create("step", Map.of()).id());
        }
    }

    @Test
    void replayResultsOutliveCompressionUntilTheSessionIsCompleted() throws IOException {
        RetentionPolicy small = new RetentionPolicy(10, 5, 2);
        int retainedBeforeRestart;
        try (JournalStore store = JournalStore.open(options(WriteOptions.Fsync.ALWAYS, 1 << 20, small))) {
            CheckpointManager manager = session(store, "job");
            for (int call = 1; call <= 50; call++) {
                manager.create("fetch", Map.of("result", call * 10), Map.of(ReplayLog.CALL_KEY, call, "outcome", "returned"));
            }
            retainedBeforeRestart = manager.size();
            assertTrue(retainedBeforeRestart < 50);
        }
        try (JournalStore store = JournalStore.open(options(WriteOptions.Fsync.ALWAYS, 1 << 20, small))) {
            Checkpoint first = store.replayLog("job").recorded("fetch", 1);
            assertNotNull(first);
            assertEquals(10, first.data().get("result"));
            assertEquals(50, store.replayLog("job").size());
            store.complete("job");
        }
        try (JournalStore store = JournalStore.open(options(WriteOptions.Fsync.ALWAYS, 1 << 20, small))) {
            assertNull(store.replayLog("job").recorded("fetch", 1));
            assertEquals(retainedBeforeRestart, session(store, "job").size());
        }
    }

    @Test
    void concurrentCreatesWithFsyncAlwaysShareFsyncs() throws Exception {
        Written written = writeFromThreads(always(), 8, 200);

        assertTrue(written.fsyncs() < written.created() / 2, written.fsyncs() + " fsyncs for " + written.created()
                + " records");
        try (JournalStore store = JournalStore.open(always())) {
            assertEquals(8, store.restored().size());
            assertEquals(written.created(), store.restored().stream().mapToLong(CheckpointManager::lastIdNumber).sum());
        }
    }

    @Test
    void aWriterThatFallsBehindMakesCreatesDropNotWaitWithOnFullDrop() throws Exception {
        JournalOptions tinyQueue = JournalOptions.builder(dir).fsync(WriteOptions.Fsync.ALWAYS).queueSize(1)
                .segmentBytes(1 << 20).retention(new RetentionPolicy(100_000, 100_000, 20)).maxReplaySteps(10).build();
        int total = writeFromThreads(tinyQueue, 4, 300).created();
        try (JournalStore store = JournalStore.open(tinyQueue)) {
            long journaled = store.restored().stream().mapToLong(CheckpointManager::size).sum();
            assertTrue(journaled < total, "with a queue of one and fsync=always, some creates must have been dropped");
        }
    }

    @Test
    void withOnFullBlockNothingIsDropped() throws Exception {
        JournalOptions tinyQueue = JournalOptions.builder(dir).fsync(WriteOptions.Fsync.ALWAYS)
                .onFull(WriteOptions.OnFull.BLOCK).queueSize(1).segmentBytes(1 << 20)
                .retention(new RetentionPolicy(100_000, 100_000, 20)).maxReplaySteps(10).build();
        int total = writeFromThreads(tinyQueue, 4, 300).created();
        try (JournalStore store = JournalStore.open(tinyQueue)) {
            assertEquals(total, store.restored().stream().mapToLong(CheckpointManager::size).sum());
        }
    }

    /** How many checkpoints were created, and the fsyncs their journal took. */
    private record Written(int created, long fsyncs) {
    }

    /** Creates {@code perThread} checkpoints from each of {@code threads} threads, each in its own session. */
    private static Written writeFromThreads(JournalOptions options, int threads, int perThread) throws Exception {
        try (JournalStore store = JournalStore.open(options)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                CheckpointManager manager = new CheckpointManager("thread-" + t, options.retention(), store.changeLog());
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        manager.create("step", Map.of("i", i));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(threads * perThread, store.written() + store.dropped());
            return new Written(threads * perThread, store.fsyncs());
        }
    }

    @Test
    void aSnapshotLeftBesideTheSegmentsItCoversWins() throws IOException {
        try (JournalStore store = JournalStore.open(always())) {
            CheckpointManager manager = session(store, "job");
            for (int i = 0; i < 5; i++) {
                manager.create("step", Map.of("i", i));
            }
        }
        // A compaction that crashed after its rename: the snapshot and the segments it covers both exist.
        JournalDirectory journal = new JournalDirectory(dir);
        JournalState state = new JournalState(RetentionPolicy.DEFAULT, 100);
        long last = journal.segments().get(journal.segments().size() - 1);
        for (long segment : journal.segments()) {
            SegmentReader.read(journal.segment(segment), false, JournalEncoding.plain(),
                    new RecordCodec.Decoder(JsonReadLimits.DEFAULT), state);
        }
        Compactor.writeSnapshot(journal, JournalEncoding.plain(), state, last);
        Files.writeString(dir.resolve("snapshot-00000000000000000099.log.tmp"), "half-written");

        try (JournalStore store = JournalStore.open(always())) {
            assertEquals(5, session(store, "job").size());
        }
        assertFalse(Files.exists(journal.segment(last)));
        assertFalse(Files.exists(dir.resolve("snapshot-00000000000000000099.log.tmp")));
    }

    private Path lastSegment() throws IOException {
        JournalDirectory journal = new JournalDirectory(dir);
        List<Long> segments = journal.segments();
        for (int i = segments.size() - 1; i >= 0; i--) {
            Path segment = journal.segment(segments.get(i));
            if (Files.size(segment) > JournalEncoding.PLAIN_MAGIC.length) {
                return segment;
            }
        }
        throw new AssertionError("no segment with records in " + dir);
    }

    private static int offsetOfRecord(byte[] bytes, int index) {
        int offset = JournalEncoding.PLAIN_MAGIC.length;
        for (int i = 0; i < index; i++) {
            offset += SegmentFormat.FRAME_OVERHEAD + ByteBuffer.wrap(bytes, offset, 4).getInt();
        }
        return offset;
    }

    private static void appendBytes(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(bytes));
        }
    }

    private long journalBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).mapToLong(JournalStoreTest::size).sum();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException deletedByCompaction) {
            return 0;
        }
    }
}
