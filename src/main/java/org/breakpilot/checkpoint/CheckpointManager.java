package org.breakpilot.checkpoint;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one session: named recovery points, compressed as they age, looked up by id,
 * name and time, summarized, exported and imported in the interchange format.
 *
 * <p>Ids are {@code <sessionId>:<n>} with n counting from 1 and never reused in the session, not
 * after compression, {@link #clear()} or {@link #importJson(String)}. Order is creation order (for
 * imported checkpoints, the order of the import), whatever the timestamps say. Retention follows a
 * {@link RetentionPolicy}; the retained count never exceeds its {@code maxCheckpoints}.
 *
 * <p>Thread-safe: every method may be called from any thread; {@code create} never hands out the same
 * id twice and {@code importJson} is all or nothing. Listeners run on the creating thread after the
 * checkpoint is retained, outside the manager's lock, so they may call back into the manager.
 */
public final class CheckpointManager implements Iterable<Checkpoint> {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointManager.class);

    private final String sessionId;
    private final String idPrefix;
    private final Object lock = new Object();
    private final RetainedCheckpoints retained;
    private long lastNumber;
    private long lastCreatedMicros;
    private final ListenerList listeners = new ListenerList();
    private final ChangeLog changes;

    /**
     * A manager with the reference's defaults: 100 retained, compress after 50, keep the last 20.
     *
     * @throws NullPointerException when {@code sessionId} is null
     */
    public CheckpointManager(String sessionId) {
        this(sessionId, RetentionPolicy.DEFAULT);
    }

    /**
     * A manager that keeps the last 20 checkpoints through compression.
     *
     * @throws IllegalArgumentException when a setting is out of range (see {@link RetentionPolicy})
     */
    public CheckpointManager(String sessionId, int maxCheckpoints, int compressAfter) {
        this(sessionId, new RetentionPolicy(maxCheckpoints, compressAfter, RetentionPolicy.DEFAULT.keepRecent()));
    }

    /**
     * A manager with the given retention.
     *
     * @throws NullPointerException when {@code sessionId} or {@code retention} is null
     */
    public CheckpointManager(String sessionId, RetentionPolicy retention) {
        this(sessionId, retention, ChangeLog.NONE);
    }

    /**
     * A manager with the given retention that reports every change to {@code changes}, so a store can
     * persist it.
     *
     * @throws NullPointerException when an argument is null
     */
    public CheckpointManager(String sessionId, RetentionPolicy retention, ChangeLog changes) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId must not be null");
        this.idPrefix = sessionId + ":";
        this.retained = new RetainedCheckpoints(sessionId, Objects.requireNonNull(retention, "retention must not be null"));
        this.changes = Objects.requireNonNull(changes, "changes must not be null");
    }

    /**
     * A manager holding a state a store saved: {@code checkpoints} retained as if imported together,
     * and ids counting on from {@code lastIdNumber}. Reports nothing of this to {@code changes}.
     *
     * @throws IllegalArgumentException when an id repeats
     */
    public static CheckpointManager restore(String sessionId, RetentionPolicy retention, ChangeLog changes,
                                            List<Checkpoint> checkpoints, long lastIdNumber) {
        CheckpointManager manager = new CheckpointManager(sessionId, retention, changes);
        synchronized (manager.lock) {
            manager.appendAll(checkpoints);
            manager.lastNumber = Math.max(manager.lastNumber, lastIdNumber);
        }
        return manager;
    }

    /** The session this manager belongs to. */
    public String sessionId() {
        return sessionId;
    }

    /** The retention this manager applies. */
    public RetentionPolicy retention() {
        synchronized (lock) {
            return retained.policy();
        }
    }

    /**
     * Applies {@code retention} from now on, and at once to what is retained: a smaller
     * {@code maxCheckpoints} evicts, a smaller {@code compressAfter} compresses.
     *
     * @throws NullPointerException when {@code retention} is null
     */
    public void setRetention(RetentionPolicy retention) {
        Objects.requireNonNull(retention, "retention must not be null");
        synchronized (lock) {
            retained.changePolicy(retention);
        }
    }

    /**
     * Records a checkpoint with no metadata.
     *
     * @see #create(String, Map, Map)
     */
    public Checkpoint create(String name, Map<String, ?> data) {
        return create(name, data, null);
    }

    /**
     * Records a checkpoint, applies retention, then tells the listeners.
     *
     * @param name     the semantic name, such as {@code "task_started"}
     * @param data     the data to snapshot; {@code null} is taken as empty
     * @param metadata additional metadata to snapshot; {@code null} is taken as empty
     * @return the checkpoint, with deep immutable copies of data and metadata
     * @throws NullPointerException     when {@code name} is null
     * @throws IllegalArgumentException when data or metadata holds a value that is not JSON-compatible
     */
    public Checkpoint create(String name, Map<String, ?> data, Map<String, ?> metadata) {
        return create(name, data, metadata, true);
    }

    /**
     * Records a checkpoint as {@link #create(String, Map, Map)} does, without making the record it would
     * return unless a listener or a store needs it: for a caller that does not read it, such as the agent.
     *
     * @throws NullPointerException     when {@code name} is null
     * @throws IllegalArgumentException when data or metadata holds a value that is not JSON-compatible
     */
    public void record(String name, Map<String, ?> data, Map<String, ?> metadata) {
        create(name, data, metadata, false);
    }

    private Checkpoint create(String name, Map<String, ?> data, Map<String, ?> metadata, boolean returned) {
        Objects.requireNonNull(name, "name must not be null");
        // Snapshots are taken before the lock: they are the costly part and need no ordering.
        Map<String, Object> dataSnapshot = FrozenJsonCopies.ofMap(data, "data");
        Map<String, Object> metadataSnapshot = FrozenJsonCopies.ofMap(metadata, "metadata");
        boolean made = returned || changes != ChangeLog.NONE || listeners.any();
        Checkpoint checkpoint = null;
        long number;
        long change = 0;
        synchronized (lock) {
            number = ++lastNumber;
            long epochMicros = RetainedNode.microsOf(Instant.now());
            lastCreatedMicros = epochMicros;
            if (made) {
                checkpoint = new Checkpoint(idPrefix.concat(Long.toString(number)), name,
                        RetainedNode.instantOf(epochMicros), dataSnapshot, metadataSnapshot);
                change = changes.created(sessionId, checkpoint);
            }
            retained.appendCreated(number, epochMicros, name, dataSnapshot, metadataSnapshot);
            retained.applyRetention();
        }
        changes.awaitDurable(change);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Session {}: created checkpoint '{}' ({}{})", sessionId, name, idPrefix, number);
        }
        if (checkpoint != null) {
            listeners.deliver(checkpoint);
        }
        return checkpoint;
    }

    /** The retained checkpoint with this id, in O(1). */
    public Optional<Checkpoint> get(String checkpointId) {
        synchronized (lock) {
            return Optional.ofNullable(retained.byId(checkpointId));
        }
    }

    /** The retained checkpoints with this name, newest first. */
    public List<Checkpoint> getByName(String name) {
        synchronized (lock) {
            return retained.byName(name);
        }
    }

    /** The newest retained checkpoint. */
    public Optional<Checkpoint> getLatest() {
        synchronized (lock) {
            return Optional.ofNullable(retained.newest());
        }
    }

    /** The newest retained checkpoint with this name; with a null or empty name, the newest of all. */
    public Optional<Checkpoint> getLatest(String name) {
        if (name == null || name.isEmpty()) {
            return getLatest();
        }
        return getByName(name).stream().findFirst();
    }

    /** Every retained checkpoint, oldest first, as a new list the caller owns. */
    public List<Checkpoint> getAll() {
        synchronized (lock) {
            return retained.inOrder();
        }
    }

    /** The retained checkpoints whose timestamp is strictly after {@code timestamp}, oldest first. */
    public List<Checkpoint> getSince(Instant timestamp) {
        Objects.requireNonNull(timestamp, "timestamp must not be null");
        return getAll().stream().filter(c -> c.timestamp().isAfter(timestamp)).toList();
    }

    /** The retained checkpoints with {@code start <= timestamp <= end}, oldest first. */
    public List<Checkpoint> getBetween(Instant start, Instant end) {
        Objects.requireNonNull(start, "start must not be null");
        Objects.requireNonNull(end, "end must not be null");
        return getAll().stream()
                .filter(c -> !c.timestamp().isBefore(start) && !c.timestamp().isAfter(end))
                .toList();
    }

    /**
     * The data to roll back to the checkpoint with this id. Changes nothing: recovering is the
     * caller's part, as in the reference.
     */
    public Optional<Map<String, Object>> rollbackTo(String checkpointId) {
        Optional<Checkpoint> checkpoint = get(checkpointId);
        checkpoint.ifPresent(c -> LOG.info("Session {}: rollback to checkpoint '{}' ({})", sessionId, c.name(), c.id()));
        return checkpoint.map(Checkpoint::data);
    }

    /** Removes every retained checkpoint (ids keep counting); returns how many there were. */
    public int clear() {
        int count;
        long change;
        synchronized (lock) {
            count = retained.clear();
            change = changes.cleared(sessionId);
        }
        changes.awaitDurable(change);
        LOG.info("Session {}: cleared {} checkpoints", sessionId, count);
        return count;
    }

    /** A summary of the retained checkpoints. */
    public CheckpointSummary getSummary() {
        return CheckpointSummary.of(getAll());
    }

    /**
     * Adds a listener told of every checkpoint this manager creates (not of imported ones). A listener
     * that throws is logged and affects neither the checkpoint nor the other listeners.
     *
     * @return a handle whose {@code close()} removes the listener; closing twice is harmless
     */
    public AutoCloseable onCheckpoint(Consumer<Checkpoint> listener) {
        return listeners.add(new ListenerRegistration(
                Objects.requireNonNull(listener, "listener must not be null"), sessionId));
    }

    /** The retained checkpoints in the interchange format, oldest first. */
    public String exportJson() {
        return InterchangeJson.write(getAll());
    }

    /**
     * Appends the checkpoints of an export, in its order, then applies retention. All or nothing:
     * on any error the manager is left exactly as it was. The id counter moves past every imported id
     * of this session, so later checkpoints never reuse one.
     *
     * @return how many checkpoints were imported
     * @throws IllegalArgumentException for malformed JSON or JSON past the default read limits, or naming
     *                                  the record index and the problem: a missing key, a wrong type, a
     *                                  malformed timestamp, or an id that is repeated or already retained
     */
    public int importJson(String json) {
        return importJson(json, JsonReadLimits.DEFAULT);
    }

    /** As {@link #importJson(String)}, reading the JSON within {@code limits} rather than the defaults. */
    public int importJson(String json, JsonReadLimits limits) {
        return importCheckpoints(InterchangeJson.read(json, limits));
    }

    /**
     * Appends {@code checkpoints} in their order, then applies retention, as {@link #importJson(String)}
     * does with an export: all or nothing, and the id counter moves past every imported id of this
     * session.
     *
     * @return how many checkpoints were imported
     * @throws IllegalArgumentException naming the index of a checkpoint whose id is repeated or already
     *                                  retained
     */
    public int importCheckpoints(List<Checkpoint> checkpoints) {
        List<Checkpoint> imported = List.copyOf(checkpoints);
        long change;
        synchronized (lock) {
            retained.requireNewIds(imported, sessionId);
            change = changes.imported(sessionId, imported);
            appendAll(imported);
        }
        changes.awaitDurable(change);
        return imported.size();
    }

    /**
     * Removes every checkpoint retained after the one with {@code checkpointId}, so that a run resumed
     * from this session repeats the steps after it. Ids keep counting: the steps run again get new ids.
     *
     * @return how many checkpoints were removed
     * @throws IllegalArgumentException when no checkpoint with this id is retained
     */
    public int rewindTo(String checkpointId) {
        int removed;
        long change;
        synchronized (lock) {
            requireRetained(checkpointId);
            removed = retained.truncateAfter(checkpointId);
            change = changes.rewound(sessionId, checkpointId);
        }
        changes.awaitDurable(change);
        LOG.info("Session {}: rewound to checkpoint {}, removing {} after it", sessionId, checkpointId, removed);
        return removed;
    }

    /**
     * The retained checkpoints up to and including {@code checkpointId}, oldest first, with this
     * session's ids re-issued in {@code newSessionId} under the same numbers ({@code s:7} becomes
     * {@code new:7}); ids of another form are kept. What a fork of this session starts from.
     *
     * @throws IllegalArgumentException when no checkpoint with this id is retained
     */
    public List<Checkpoint> historyThrough(String checkpointId, String newSessionId) {
        Objects.requireNonNull(newSessionId, "newSessionId must not be null");
        synchronized (lock) {
            requireRetained(checkpointId);
            return retained.through(checkpointId, newSessionId);
        }
    }

    /** The number n of the newest id this manager has handed out ({@code <sessionId>:<n>}), or 0. */
    public long lastIdNumber() {
        synchronized (lock) {
            return lastNumber;
        }
    }

    /** When this manager last created a checkpoint, in microseconds since the epoch; 0 when it has not. */
    public long lastCreatedEpochMicros() {
        synchronized (lock) {
            return lastCreatedMicros;
        }
    }

    /** How many checkpoints are retained. */
    public int size() {
        synchronized (lock) {
            return retained.size();
        }
    }

    /** Iterates over a snapshot of the retained checkpoints, oldest first. */
    @Override
    public Iterator<Checkpoint> iterator() {
        return getAll().iterator();
    }

    @Override
    public String toString() {
        return "CheckpointManager[session=" + sessionId + ", size=" + size() + "]";
    }

    private void requireRetained(String checkpointId) {
        if (checkpointId == null || !retained.contains(checkpointId)) {
            throw new IllegalArgumentException("no checkpoint " + ErrorValues.quoted(checkpointId)
                    + " is retained in session '" + sessionId + "'");
        }
    }

    /** Appends in order, applies retention once and moves the counter past this session's ids. Under the lock. */
    private void appendAll(List<Checkpoint> checkpoints) {
        lastNumber = Math.max(lastNumber, retained.appendAll(checkpoints));
    }
}
