package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * A journal read without owning it, for the offline tools: every file checked frame by frame and
 * nothing repaired, and every session rebuilt as the agent would restore it.
 */
public final class JournalInspector {

    /**
     * One session as the journal holds it.
     *
     * @param retained      checkpoints retained
     * @param lastIdNumber  the n of the newest id handed out
     * @param completed     whether {@code Checkpoints.complete} was called last
     * @param replayResults results kept for replay steps
     */
    public record SessionInfo(String id, int retained, long lastIdNumber, boolean completed, int replayResults) {
    }

    private final List<SegmentReader.Report> reports = new ArrayList<>();
    private final JournalState state;

    private JournalInspector(RetentionPolicy retention) {
        this.state = new JournalState(retention, Integer.MAX_VALUE);
    }

    /** A plaintext journal, read within the default limits. */
    public static JournalInspector read(Path directory, RetentionPolicy retention) throws IOException {
        return read(directory, retention, JsonReadLimits.DEFAULT, JournalEncoding.plain());
    }

    /**
     * Reads the journal in {@code directory} written with {@code encoding}, restoring with {@code retention},
     * its records within {@code limits} as the agent reads them (see {@link JournalOptions#readLimits()}).
     *
     * @throws IllegalArgumentException when {@code directory} holds no checkpoint journal
     * @throws IOException              naming the file, when a file is of another encoding or key
     */
    public static JournalInspector read(Path directory, RetentionPolicy retention, JsonReadLimits limits,
                                        JournalEncoding encoding)
            throws IOException {
        JournalDirectory journal = new JournalDirectory(directory);
        if (!Files.isDirectory(journal.path())) {
            throw new IllegalArgumentException("no directory " + journal.path());
        }
        long snapshot = journal.newestSnapshot();
        List<Long> segments = journal.segments().stream().filter(s -> s > snapshot).toList();
        if (snapshot < 0 && segments.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint journal in " + journal.path()
                    + " (expected segment-*.log or snapshot-*.log files)");
        }
        JournalInspector inspector = new JournalInspector(retention);
        RecordCodec.Decoder decoder = new RecordCodec.Decoder(limits);
        if (snapshot >= 0) {
            inspector.reports.add(SegmentReader.readWhole(journal.snapshot(snapshot), encoding, decoder,
                    inspector.state));
        }
        for (long segment : segments) {
            inspector.reports.add(SegmentReader.read(journal.segment(segment), false, encoding, decoder,
                    inspector.state));
        }
        return inspector;
    }

    /** One line per file read: its records and any damage, with offsets. */
    public List<String> fileReports() {
        return reports.stream().map(SegmentReader.Report::describe).toList();
    }

    /** Intact records read. */
    public int records() {
        return reports.stream().mapToInt(SegmentReader.Report::records).sum();
    }

    /** Whether a file has damage other than a torn tail: records that fail their CRC. */
    public boolean damaged() {
        return reports.stream().anyMatch(report -> !report.damaged().isEmpty());
    }

    /** Whether a file ends in an unfinished write, which the agent truncates when it next opens the journal. */
    public boolean tornTail() {
        return reports.stream().anyMatch(report -> report.tornTail() >= 0);
    }

    /** Every session, in the order the journal first names them. */
    public List<SessionInfo> sessions() {
        List<SessionInfo> sessions = new ArrayList<>();
        for (JournalState.Session session : state.sessions().values()) {
            sessions.add(new SessionInfo(session.manager.sessionId(), session.manager.size(),
                    session.lastIdNumber(), session.completed, session.replay.size()));
        }
        return sessions;
    }

    /** The session's manager as restored, to export. */
    public Optional<CheckpointManager> session(String id) {
        JournalState.Session session = state.sessions().get(id);
        return session == null ? Optional.empty() : Optional.of(session.manager);
    }
}
