package org.breakpilot.checkpoint.jmx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.management.Notification;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.CheckpointSummary;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.internal.IsoTimestamps;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.internal.JsonText;

/**
 * The {@link CheckpointManagerMXBean} of one manager. Errors reach the JMX client as an
 * {@link IllegalArgumentException} or {@link UnsupportedOperationException} with a one-line message and
 * no cause, so a client without our (relocated) classes can always read them.
 */
final class CheckpointManagerBean implements CheckpointManagerMXBean {

    private final CheckpointManager manager;
    private final boolean readOnly;
    private final JsonReadLimits importLimits;
    private final ListenedBroadcaster notifications = new ListenedBroadcaster(this::followCheckpoints, Notifications.INFO);
    private final long registeredMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    // The manager's listener while a JMX client listens: following every checkpoint otherwise would
    // make the manager build each one's record for nobody.
    private AutoCloseable following;

    private final SessionForker forker;

    CheckpointManagerBean(CheckpointManager manager, boolean readOnly, JsonReadLimits importLimits, SessionForker forker) {
        this.manager = manager;
        this.forker = forker;
        this.readOnly = readOnly;
        this.importLimits = importLimits;
    }

    CheckpointManager manager() {
        return manager;
    }

    /** Where its notifications are sent. */
    ListenedBroadcaster notifications() {
        return notifications;
    }

    /** When the session last created a checkpoint, or else was registered, in microseconds since the epoch. */
    long lastActiveMicros() {
        return Math.max(registeredMicros, manager.lastCreatedEpochMicros());
    }

    /** Stops following the manager's checkpoints, as the bean leaves JMX. */
    synchronized void unregistered() {
        followCheckpoints(false);
    }

    private synchronized void followCheckpoints(boolean listened) {
        if (listened && following == null) {
            following = manager.onCheckpoint(this::created);
        } else if (!listened && following != null) {
            try {
                following.close();
            } catch (Exception cannotFail) {
                // The manager's handle only removes the listener.
            }
            following = null;
        }
    }

    private void created(Checkpoint checkpoint) {
        notify(Notifications.CREATED, "checkpoint " + checkpoint.id() + " '" + checkpoint.name() + "' created",
                Notifications.composite(checkpoint));
    }

    @Override
    public String getSessionId() {
        return manager.sessionId();
    }

    @Override
    public int getTotalCount() {
        return manager.size();
    }

    @Override
    public int getUniqueNames() {
        return manager.getSummary().uniqueNames();
    }

    @Override
    public Map<String, Integer> getNameCounts() {
        return manager.getSummary().names();
    }

    @Override
    public CheckpointData getFirstCheckpoint() {
        CheckpointSummary summary = manager.getSummary();
        return summary.firstCheckpoint() == null ? null : CheckpointData.of(summary.firstCheckpoint());
    }

    @Override
    public CheckpointData getLastCheckpoint() {
        return manager.getLatest().map(CheckpointData::of).orElse(null);
    }

    @Override
    public double getDurationSeconds() {
        return manager.getSummary().durationSeconds();
    }

    @Override
    public int getMaxCheckpoints() {
        return manager.retention().maxCheckpoints();
    }

    @Override
    public void setMaxCheckpoints(int maxCheckpoints) {
        changeRetention("MaxCheckpoints", current -> new RetentionPolicy(maxCheckpoints, current.compressAfter(),
                current.keepRecent()));
    }

    @Override
    public int getCompressAfter() {
        return manager.retention().compressAfter();
    }

    @Override
    public void setCompressAfter(int compressAfter) {
        changeRetention("CompressAfter", current -> new RetentionPolicy(current.maxCheckpoints(), compressAfter,
                current.keepRecent()));
    }

    private void changeRetention(String attribute, UnaryOperator<RetentionPolicy> change) {
        mutate(attribute, () -> {
            manager.setRetention(change.apply(manager.retention()));
            return null;
        });
    }

    @Override
    public String summaryJson() {
        return manager.getSummary().toJson();
    }

    @Override
    public String exportJson() {
        return manager.exportJson();
    }

    @Override
    public int importJson(String json) {
        int count = mutate("importJson", () -> manager.importJson(json, importLimits));
        notify(Notifications.IMPORTED, count + " checkpoints imported into " + manager.sessionId(), null);
        return count;
    }

    @Override
    public String rollbackTo(String id) {
        Map<String, Object> data = mutate("rollbackTo", () -> manager.rollbackTo(id).orElseThrow(
                () -> new IllegalArgumentException("no checkpoint " + ErrorValues.quoted(id) + " in session '"
                        + manager.sessionId() + "' (retained: " + manager.size() + "; see exportJson for their ids)")));
        notify(Notifications.ROLLBACK, "rollback to " + id + " requested", id);
        return JsonText.of(data);
    }

    @Override
    public CheckpointData latest(String name) {
        return manager.getLatest(name).map(CheckpointData::of).orElse(null);
    }

    @Override
    public CheckpointData[] byName(String name) {
        return views(manager.getByName(name));
    }

    @Override
    public CheckpointData[] since(String isoTimestamp) {
        return views(manager.getSince(timestamp(isoTimestamp)));
    }

    @Override
    public CheckpointData[] between(String isoStart, String isoEnd) {
        return views(manager.getBetween(timestamp(isoStart), timestamp(isoEnd)));
    }

    @Override
    public int clear() {
        int count = mutate("clear", manager::clear);
        notify(Notifications.CLEARED, count + " checkpoints cleared from " + manager.sessionId(), null);
        return count;
    }

    @Override
    public int rewindTo(String id) {
        int removed = mutate("rewindTo", () -> manager.rewindTo(id));
        notify(Notifications.REWOUND, "rewound to " + id + ", " + removed + " checkpoints removed", id);
        return removed;
    }

    @Override
    public String fork(String id, String newSessionId) {
        mutate("fork", () -> {
            forker.fork(manager.sessionId(), id, newSessionId);
            return newSessionId;
        });
        notify(Notifications.FORKED, "forked at " + id + " into " + newSessionId, newSessionId);
        return newSessionId;
    }

    private static CheckpointData[] views(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(CheckpointData::of).toArray(CheckpointData[]::new);
    }

    private static Instant timestamp(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a timestamp is required (ISO-8601, e.g. 2026-11-23T10:15:30Z)");
        }
        return clean(() -> IsoTimestamps.parse(text));
    }

    /** Runs a change, unless read-only; its errors leave with their message only. */
    private <T> T mutate(String what, Supplier<T> change) {
        if (readOnly) {
            throw new UnsupportedOperationException(what + " refused: the agent was started with jmxReadOnly=true");
        }
        return clean(change);
    }

    private static <T> T clean(Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private void notify(String type, String message, Object userData) {
        Notification notification = new Notification(type, JmxRegistry.sessionName(manager.sessionId()),
                Notifications.nextSequence(), message);
        notification.setUserData(userData);
        notifications.sendNotification(notification);
    }
}
