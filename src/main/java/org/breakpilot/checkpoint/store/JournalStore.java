package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded crash-safe store: every change of every session is appended to a journal of
 * CRC-checked segment files (see {@link SegmentFormat}) by a {@link JournalWriter}, compacted in the
 * background by a {@link Compactor}, and replayed when the store is opened again, so sessions resume
 * with their checkpoints, id counters and replay results. One JVM owns a directory at a time.
 */
public final class JournalStore implements CheckpointStore {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(JournalStore.class);
    }

    private final JournalDirectory directory;
    private final JournalOptions options;
    private final JournalDirectory.Ownership ownership;
    private final Compactor compactor;
    private final JournalWriter writer;
    private final StoreChangeLog changes;
    private final List<CheckpointManager> restored = new ArrayList<>();
    private byte[] argumentKey;

    private JournalStore(JournalDirectory directory, JournalOptions options, JournalDirectory.Ownership ownership)
            throws IOException {
        this.directory = directory;
        this.options = options;
        this.ownership = ownership;
        this.compactor = new Compactor(directory, options);
        JournalState state = new JournalState(options.retention(), options.maxReplaySteps());
        long nextSegment = restore(state);
        DroppedRecords dropped = new DroppedRecords();
        this.writer = new JournalWriter(options.writing(), new ActiveSegment(directory, options, nextSegment, dropped,
                compactor), dropped, "checkpoint-journal-writer");
        this.changes = new StoreChangeLog(options.writing(), writer);
        for (JournalState.Session session : state.sessions().values()) {
            String id = session.manager.sessionId();
            restored.add(CheckpointManager.restore(id, options.retention(), changes, session.manager.getAll(),
                    session.lastIdNumber()));
            changes.restored(id, session.replay);
        }
        if (nextSegment > 1) {
            compactor.sealed(nextSegment - 1);
        }
    }

    /**
     * Opens (creating it owner-only if needed) and locks the journal in {@code options.directory()},
     * repairs a torn tail, and restores every session in it.
     *
     * @throws IOException naming the directory when it cannot be used, or (as
     *                     {@code JournalInUseException}) when another JVM owns it
     */
    public static JournalStore open(JournalOptions options) throws IOException {
        return open(options, new JournalDirectory(options.directory()));
    }

    /** Opens the journal in {@code directory}, whose files may come from a test's own channels. */
    static JournalStore open(JournalOptions options, JournalDirectory directory) throws IOException {
        try {
            directory.create();
        } catch (IOException e) {
            throw new IOException("cannot create checkpoint journal directory " + directory.path() + ": " + e, e);
        }
        JournalDirectory.Ownership ownership = directory.lock();
        try {
            return new JournalStore(directory, options, ownership);
        } catch (IOException | RuntimeException e) {
            ownership.close();
            throw e;
        }
    }

    /** Whether {@code failure} says another JVM owns the directory. */
    public static boolean inUse(IOException failure) {
        return failure instanceof JournalDirectory.JournalInUseException;
    }

    /** Replays the journal into {@code state}; returns the number of the segment to write next. */
    private long restore(JournalState state) throws IOException {
        directory.deleteTemporaries();
        long snapshot = directory.newestSnapshot();
        for (long older : directory.snapshots()) {
            if (older < snapshot) {
                Files.deleteIfExists(directory.snapshot(older));
            }
        }
        RecordCodec.Decoder decoder = new RecordCodec.Decoder(options.readLimits());
        if (snapshot >= 0) {
            report(SegmentReader.readWhole(directory.snapshot(snapshot), options.encoding(), decoder, state));
        }
        List<Long> segments = new ArrayList<>();
        for (long segment : directory.segments()) {
            if (segment <= snapshot) {
                // A compaction that stopped after its rename: the snapshot already holds these.
                Files.deleteIfExists(directory.segment(segment));
            } else {
                segments.add(segment);
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            report(SegmentReader.read(directory.segment(segments.get(i)), last, options.encoding(), decoder, state));
        }
        if (state.recordsNotApplied() > 0) {
            Log.LOG.warn("Checkpoint journal {}: {} records contradicted the ones before them and were skipped",
                    directory.path(), state.recordsNotApplied());
        }
        long newest = Math.max(snapshot, segments.isEmpty() ? 0 : segments.get(segments.size() - 1));
        return Math.max(newest, 0) + 1;
    }

    private void report(SegmentReader.Report report) {
        if (report.tornTail() >= 0 && report.damaged().isEmpty()) {
            Log.LOG.info("Checkpoint journal {}: repaired {}", directory.path(), report.describe());
        } else if (!report.clean()) {
            Log.LOG.warn("Checkpoint journal {}: {}", directory.path(), report.describe());
        }
    }

    @Override
    public ChangeLog changeLog() {
        return changes;
    }

    @Override
    public Collection<CheckpointManager> restored() {
        return List.copyOf(restored);
    }

    @Override
    public synchronized byte[] argumentKey() {
        if (argumentKey == null) {
            try {
                argumentKey = ArgumentKey.of(directory, options.encoding());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or make the replay argument key: " + e.getMessage(), e);
            }
        }
        return argumentKey.clone();
    }

    @Override
    public ReplayLog replayLog(String session) {
        return changes.replayLog(session);
    }

    @Override
    public void complete(String session) {
        changes.complete(session);
    }

    @Override
    public void forked(CheckpointManager fork, List<Checkpoint> replayResults) {
        changes.forked(fork, replayResults);
    }

    @Override
    public long dropped() {
        return writer.dropped();
    }

    /** The settings it was opened with. */
    public JournalOptions options() {
        return options;
    }

    /** Records written to the journal so far. */
    public long written() {
        return writer.written();
    }

    /** Forces to disk so far. */
    public long fsyncs() {
        return writer.fsyncs();
    }

    /** Compactions finished so far. */
    public long compactions() {
        return compactor.compactions();
    }

    @Override
    public String describe() {
        return "journal " + directory.path() + " (fsync=" + WriteOptions.optionText(options.fsync()) + ")";
    }

    @Override
    public void close() {
        writer.close();
        compactor.close();
        try {
            ownership.close();
        } catch (IOException e) {
            Log.LOG.warn("Could not release checkpoint journal {}: {}", directory.path(), e.toString());
        }
    }
}
