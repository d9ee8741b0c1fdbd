package org.breakpilot.checkpoint.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.breakpilot.checkpoint.ChangeLog;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;

/**
 * Where the agent's sessions live beyond their managers: nowhere ({@link MemoryStore}), in a crash-safe
 * journal on disk ({@link JournalStore}) or in a PostgreSQL database ({@link PostgresStore}). Thread-safe.
 */
public interface CheckpointStore extends AutoCloseable {

    /** What new managers report their changes to. */
    ChangeLog changeLog();

    /** The managers of the sessions found when the store was opened, to resume. */
    Collection<CheckpointManager> restored();

    /**
     * The manager of {@code session}, which was not restored at open, on its first use in this JVM: a new
     * one, or (the PostgreSQL store) the session as the store holds it, leased to this JVM. It reports to
     * {@code changes}: {@link #changeLog()}, or a log of the caller's that passes on to it.
     */
    default CheckpointManager openSession(String session, RetentionPolicy retention, ChangeLog changes) {
        return new CheckpointManager(session, retention, changes);
    }

    /**
     * How long a session may go unused before it may leave this JVM's memory ({@link #unload}); 0 when the
     * store keeps every session in memory.
     */
    default long sessionIdleMs() {
        return 0;
    }

    /**
     * Lets {@code sessions} go, once no change will reach their managers any more: writes what is queued
     * and releases what this JVM holds of them, so that {@link #openSession} loads them again as stored.
     * Returns those let go; the others must stay in memory (they are not stored, or what is queued could
     * not be written within {@code writeTimeoutMs}).
     */
    default Set<String> unload(Collection<String> sessions) {
        return Set.of();
    }

    /**
     * Whether the store holds {@code session} although it was not restored at open: a look-up of a session
     * this JVM has not used yet then opens it ({@link #openSession}) rather than finding nothing.
     */
    default boolean holds(String session) {
        return false;
    }

    /** The replay results of {@code session}; null when the store keeps none. */
    ReplayLog replayLog(String session);

    /** The session is complete: its replay results are released and retention applies as usual. */
    void complete(String session);

    /**
     * Stores a session forked from another: {@code fork} retains the history up to the fork point;
     * {@code replayResults} are the source's replay results up to it, re-identified.
     */
    void forked(CheckpointManager fork, List<Checkpoint> replayResults);

    /**
     * The key replay steps' secret arguments are hashed with: the same for every JVM that opens this
     * store, as long as its key material is there (see {@link ArgumentKey}); for a store that keeps
     * nothing, one random key per process.
     *
     * @throws java.io.UncheckedIOException when the key cannot be had
     */
    byte[] argumentKey();

    /** Checkpoints that were kept in memory but could not be stored. */
    long dropped();

    /** One line for logs and JMX: the store and its settings. */
    String describe();

    /** Writes what is pending and releases the store's files. */
    @Override
    void close();
}
