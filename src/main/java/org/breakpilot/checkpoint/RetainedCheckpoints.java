package org.breakpilot.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.breakpilot.checkpoint.internal.ErrorValues;

/**
 * The checkpoints one manager retains, in creation order, with the reference's compression kept
 * incrementally so that no operation rescans the whole history.
 *
 * <p>The sequence is split as compression sees it: the first checkpoint, the middle, and the
 * {@code keepRecent} newest. A checkpoint enters the middle when it slides out of the recent window,
 * and compression only ever removes middle checkpoints that are not the newest of their name. So it
 * is enough to keep, per name, the middle checkpoints in order, and the set of names that have more
 * than one there: compressing removes exactly those extras, each checkpoint at most once, which makes
 * {@code append} amortized O(1) while retaining exactly what the reference's full recomputation
 * would.
 *
 * <p>Not thread-safe: {@link CheckpointManager} guards it.
 */
final class RetainedCheckpoints {

    private RetentionPolicy policy;
    private Checkpoint first;
    private final LinkedHashMap<String, Checkpoint> middle = new LinkedHashMap<>();
    private final ArrayDeque<Checkpoint> recent = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Checkpoint>> middleByName = new HashMap<>();
    private final Set<String> namesRepeatedInMiddle = new LinkedHashSet<>();
    private final Map<String, Checkpoint> byId = new HashMap<>();
    private Checkpoint newest;

    RetainedCheckpoints(RetentionPolicy policy) {
        this.policy = policy;
    }

    RetentionPolicy policy() {
        return policy;
    }

    /** Adds {@code checkpoint} as the newest, without applying retention. */
    void append(Checkpoint checkpoint) {
        byId.put(checkpoint.id(), checkpoint);
        newest = checkpoint;
        if (first == null) {
            first = checkpoint;
            return;
        }
        recent.addLast(checkpoint);
        if (recent.size() > policy.keepRecent()) {
            enterMiddle(recent.pollFirst());
        }
    }

    /**
     * Changes the policy and applies it now. A smaller {@code keepRecent} moves the oldest recent
     * checkpoints into the middle; a larger one takes the newest middle checkpoints back.
     */
    void changePolicy(RetentionPolicy newPolicy) {
        policy = newPolicy;
        while (recent.size() > policy.keepRecent()) {
            enterMiddle(recent.pollFirst());
        }
        while (recent.size() < policy.keepRecent() && !middle.isEmpty()) {
            recent.addFirst(leaveMiddleNewest());
        }
        applyRetention();
    }

    /** Compresses when over {@code compressAfter}, then evicts down to {@code maxCheckpoints}. */
    void applyRetention() {
        if (size() > policy.compressAfter()) {
            compress();
        }
        while (size() > policy.maxCheckpoints()) {
            evictOldestNonFirst();
        }
    }

    int size() {
        return byId.size();
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /**
     * Refuses an import whose ids repeat among themselves or are already retained, naming the index of
     * the first such record, so that nothing of it is appended.
     */
    void requireNewIds(List<Checkpoint> imported, String sessionId) {
        Set<String> importedIds = new HashSet<>();
        for (int index = 0; index < imported.size(); index++) {
            String id = imported.get(index).id();
            if (!importedIds.add(id)) {
                throw new IllegalArgumentException("record " + index + ": id " + ErrorValues.quoted(id)
                        + " appears twice in the import");
            }
        }
        for (int index = 0; index < imported.size(); index++) {
            if (contains(imported.get(index).id())) {
                throw new IllegalArgumentException("record " + index + ": id " + ErrorValues.quoted(imported.get(index).id())
                        + " is already retained in session '" + sessionId + "'");
            }
        }
    }

    Checkpoint byId(String id) {
        return byId.get(id);
    }

    Checkpoint newest() {
        return newest;
    }

    /** Every retained checkpoint, oldest first, as a new list. */
    List<Checkpoint> inOrder() {
        List<Checkpoint> all = new ArrayList<>(size());
        if (first != null) {
            all.add(first);
        }
        all.addAll(middle.values());
        all.addAll(recent);
        return all;
    }

    /**
     * Keeps only the checkpoints up to and including the one with {@code id} (retained), then applies
     * retention to them as they now stand; returns how many were removed.
     */
    int truncateAfter(String id) {
        List<Checkpoint> all = inOrder();
        int keep = all.indexOf(byId(id)) + 1;
        clear();
        all.subList(0, keep).forEach(this::append);
        applyRetention();
        return all.size() - keep;
    }

    /** The retained checkpoints up to and including the one with {@code id} (retained), oldest first. */
    List<Checkpoint> through(String id) {
        List<Checkpoint> all = inOrder();
        return new ArrayList<>(all.subList(0, all.indexOf(byId(id)) + 1));
    }

    /** Removes everything; returns how many checkpoints there were. */
    int clear() {
        int count = size();
        first = null;
        middle.clear();
        recent.clear();
        middleByName.clear();
        namesRepeatedInMiddle.clear();
        byId.clear();
        newest = null;
        return count;
    }

    private void enterMiddle(Checkpoint checkpoint) {
        middle.put(checkpoint.id(), checkpoint);
        ArrayDeque<Checkpoint> sameName = middleByName.computeIfAbsent(checkpoint.name(), n -> new ArrayDeque<>(2));
        sameName.addLast(checkpoint);
        if (sameName.size() == 2) {
            namesRepeatedInMiddle.add(checkpoint.name());
        }
    }

    private Checkpoint leaveMiddleNewest() {
        Checkpoint newestInMiddle = null;
        for (Checkpoint checkpoint : middle.values()) {
            newestInMiddle = checkpoint;
        }
        leaveMiddle(newestInMiddle, false);
        return newestInMiddle;
    }

    /**
     * Takes a checkpoint that is the oldest or the newest of its name out of the middle, keeping the
     * name deques and the repeated-name set consistent.
     */
    private void leaveMiddle(Checkpoint checkpoint, boolean oldestOfItsName) {
        ArrayDeque<Checkpoint> sameName = middleByName.get(checkpoint.name());
        if (oldestOfItsName) {
            sameName.pollFirst();
        } else {
            sameName.pollLast();
        }
        if (sameName.isEmpty()) {
            middleByName.remove(checkpoint.name());
        } else if (sameName.size() == 1) {
            namesRepeatedInMiddle.remove(checkpoint.name());
        }
        middle.remove(checkpoint.id());
    }

    /** Keeps, of each name in the middle, only the newest. */
    private void compress() {
        for (String name : namesRepeatedInMiddle) {
            ArrayDeque<Checkpoint> sameName = middleByName.get(name);
            while (sameName.size() > 1) {
                remove(sameName.pollFirst());
            }
        }
        namesRepeatedInMiddle.clear();
    }

    private void evictOldestNonFirst() {
        if (size() <= 2) {
            // Only maxCheckpoints == 1 gets here: the checkpoint just added outranks the first.
            Checkpoint kept = newest;
            clear();
            append(kept);
        } else if (!middle.isEmpty()) {
            Checkpoint oldest = middle.values().iterator().next();
            leaveMiddle(oldest, true);
            byId.remove(oldest.id());
        } else {
            byId.remove(recent.pollFirst().id());
        }
    }

    private void remove(Checkpoint checkpoint) {
        middle.remove(checkpoint.id());
        byId.remove(checkpoint.id());
    }
}
