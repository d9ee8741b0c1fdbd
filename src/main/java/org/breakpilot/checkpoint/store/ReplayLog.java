package org.breakpilot.checkpoint.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.internal.CheckpointIds;

/**
 * The results of one session's replay steps, kept in full while the session is open, whatever the
 * manager's compression drops: the k-th call of step N, by the metadata the recorder gives each call
 * ({@value #CALL_KEY} = k). A later record of the same call replaces an earlier one (a step that
 * failed and ran again). Thread-safe.
 */
public final class ReplayLog {

    /** Metadata key: the call's ordinal among the calls of its step in its session, from 1. */
    public static final String CALL_KEY = "replayCall";
    /** Metadata key: the hash of the call's captured arguments. */
    public static final String ARGS_HASH_KEY = "argsHash";
    /** Metadata key: {@code <session>:<step>:<k>} of the replay step whose call this one ran inside. */
    public static final String PARENT_KEY = "replayParent";

    private final String sessionId;
    private final Map<String, Map<Long, Checkpoint>> byStep = new HashMap<>();
    // The calls that ran inside another, by the outer call's step key: a resume replays many calls, and
    // each replay asks for what ran inside it.
    private final Map<String, List<Checkpoint>> byParent = new HashMap<>();
    private int size;

    ReplayLog(String sessionId) {
        this.sessionId = sessionId;
    }

    /** Whether {@code checkpoint} is the record of a replay step's call. */
    public static boolean isReplayResult(Checkpoint checkpoint) {
        return checkpoint.metadata().get(CALL_KEY) instanceof Number;
    }

    /** The recorded call {@code call} (from 1) of the step named {@code name}, or null. */
    public synchronized Checkpoint recorded(String name, long call) {
        Map<Long, Checkpoint> calls = byStep.get(name);
        return calls == null ? null : calls.get(call);
    }

    /**
     * The recorded calls that ran inside the call whose step key is {@code parentKey}: a replay of that
     * call skips them, so their step's numbering must move past them.
     */
    public synchronized List<Checkpoint> inside(String parentKey) {
        List<Checkpoint> inside = byParent.get(parentKey);
        return inside == null ? List.of() : List.copyOf(inside);
    }

    /** {@code <step>:<k>}: which recorded call {@code checkpoint} is, within its session. */
    public static String callKey(Checkpoint checkpoint) {
        return checkpoint.name() + ":" + checkpoint.metadata().get(CALL_KEY);
    }

    /**
     * The lowest-numbered recorded call of step {@code name} whose arguments hashed to {@code argumentsHash}
     * and whose {@link #callKey} is not in {@code excluded}, or null.
     */
    public synchronized Checkpoint firstCall(String name, String argumentsHash, Set<String> excluded) {
        Map<Long, Checkpoint> calls = byStep.get(name);
        Checkpoint first = null;
        if (calls != null) {
            for (Map.Entry<Long, Checkpoint> call : calls.entrySet()) {
                Checkpoint checkpoint = call.getValue();
                if ((first == null || call.getKey() < ((Number) first.metadata().get(CALL_KEY)).longValue())
                        && argumentsHash.equals(checkpoint.metadata().get(ARGS_HASH_KEY))
                        && !excluded.contains(callKey(checkpoint))) {
                    first = checkpoint;
                }
            }
        }
        return first;
    }

    /** How many calls are kept. */
    public synchronized int size() {
        return size;
    }

    /**
     * Keeps {@code checkpoint} if it is a replay result and fewer than {@code maxSteps} are kept.
     *
     * @return false when it is a replay result that was not kept for lack of room
     */
    synchronized boolean add(Checkpoint checkpoint, int maxSteps) {
        if (!isReplayResult(checkpoint)) {
            return true;
        }
        long call = ((Number) checkpoint.metadata().get(CALL_KEY)).longValue();
        Map<Long, Checkpoint> calls = byStep.computeIfAbsent(checkpoint.name(), n -> new HashMap<>());
        if (!calls.containsKey(call) && size >= maxSteps) {
            return false;
        }
        Checkpoint replaced = calls.put(call, checkpoint);
        if (replaced == null) {
            size++;
        } else if (replaced.metadata().get(PARENT_KEY) instanceof String parent) {
            byParent.get(parent).remove(replaced);
        }
        if (checkpoint.metadata().get(PARENT_KEY) instanceof String parent) {
            byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(checkpoint);
        }
        return true;
    }

    /** Keeps each of {@code checkpoints} that is a replay result, as {@link #add} does. */
    void addAll(List<Checkpoint> checkpoints, int maxSteps) {
        for (Checkpoint checkpoint : checkpoints) {
            add(checkpoint, maxSteps);
        }
    }

    /** Drops every result recorded after the checkpoint with this id. */
    synchronized void dropAfter(String checkpointId) {
        long number = CheckpointIds.number(sessionId, checkpointId);
        for (Map<Long, Checkpoint> calls : byStep.values()) {
            int before = calls.size();
            calls.values().removeIf(checkpoint -> CheckpointIds.number(sessionId, checkpoint.id()) > number);
            size -= before - calls.size();
        }
        for (List<Checkpoint> inside : byParent.values()) {
            inside.removeIf(checkpoint -> CheckpointIds.number(sessionId, checkpoint.id()) > number);
        }
    }

    synchronized void clear() {
        byStep.clear();
        byParent.clear();
        size = 0;
    }

    /** Every kept result, in id order. */
    public synchronized List<Checkpoint> all() {
        List<Checkpoint> all = new ArrayList<>(size);
        byStep.values().forEach(calls -> all.addAll(calls.values()));
        all.sort(Comparator.comparingLong(checkpoint -> CheckpointIds.number(sessionId, checkpoint.id())));
        return all;
    }
}
