package org.breakpilot.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.breakpilot.checkpoint.internal.CheckpointIds;
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
 * <p>The checkpoints are {@link RetainedNode}s in one list, oldest first; the recent ones are the
 * {@code recentCount} at its end, the middle ones those between the first and the oldest recent one.
 * Moving a checkpoint between the two moves that boundary, and removing one unlinks it, both in O(1)
 * with no entry object beside the node.
 *
 * <p>Not thread-safe: {@link CheckpointManager} guards it.
 */
final class RetainedCheckpoints {

    private final String sessionId;
    private final String idPrefix;
    private RetentionPolicy policy;
    private final RetainedIndex byId;
    private RetainedNode first;
    private RetainedNode newest;
    private RetainedNode oldestRecent;
    private int recentCount;
    private int middleCount;
    private final Map<String, ArrayDeque<RetainedNode>> middleByName = new HashMap<>();
    private final Set<String> namesRepeatedInMiddle = new LinkedHashSet<>();

    RetainedCheckpoints(String sessionId, RetentionPolicy policy) {
        this.sessionId = sessionId;
        this.idPrefix = sessionId + ":";
        this.byId = new RetainedIndex(sessionId);
        this.policy = policy;
    }

    RetentionPolicy policy() {
        return policy;
    }

    /** Adds {@code checkpoint} as the newest, without applying retention. */
    private void append(Checkpoint checkpoint) {
        append(RetainedNode.of(checkpoint, sessionId));
    }

    /**
     * Adds {@code checkpoints} in order, then applies retention once; returns the highest n among their
     * ids of this session ({@code <sessionId>:<n>}), or 0.
     */
    long appendAll(List<Checkpoint> checkpoints) {
        long highestNumber = 0;
        for (Checkpoint checkpoint : checkpoints) {
            append(checkpoint);
            highestNumber = Math.max(highestNumber, CheckpointIds.number(sessionId, checkpoint.id()));
        }
        applyRetention();
        return highestNumber;
    }

    /**
     * Adds a checkpoint created in this session as the newest, without applying retention.
     *
     * @param number its id's n
     */
    void appendCreated(long number, long epochMicros, String name, Map<String, Object> data,
                       Map<String, Object> metadata) {
        append(new RetainedNode(number, epochMicros, name, data, metadata));
    }

    /** The newest checkpoint, made from its node; null when none is retained. */
    Checkpoint newest() {
        return newest == null ? null : newest.checkpoint(idPrefix);
    }

    /**
     * Changes the policy and applies it now. A smaller {@code keepRecent} moves the oldest recent
     * checkpoints into the middle; a larger one takes the newest middle checkpoints back.
     */
    void changePolicy(RetentionPolicy newPolicy) {
        policy = newPolicy;
        while (recentCount > policy.keepRecent()) {
            slideOldestRecentIntoMiddle();
        }
        while (recentCount < policy.keepRecent() && middleCount > 0) {
            RetainedNode newestInMiddle = oldestRecent == null ? newest : oldestRecent.older;
            leaveMiddle(newestInMiddle, false);
            oldestRecent = newestInMiddle;
            recentCount++;
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
        return byId.get(id) != null;
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

    /** The retained checkpoint with this id, or null. */
    Checkpoint byId(String id) {
        RetainedNode node = byId.get(id);
        return node == null ? null : node.checkpoint(idPrefix);
    }

    /** Every retained checkpoint, oldest first, as a new list. */
    List<Checkpoint> inOrder() {
        List<Checkpoint> all = new ArrayList<>(size());
        for (RetainedNode node = first; node != null; node = node.newer) {
            all.add(node.checkpoint(idPrefix));
        }
        return all;
    }

    /**
     * Keeps only the checkpoints up to and including the one with {@code id} (retained), then applies
     * retention to them as they now stand; returns how many were removed.
     */
    int truncateAfter(String id) {
        List<RetainedNode> kept = nodesThrough(byId.get(id));
        int removed = size() - kept.size();
        clear();
        kept.forEach(this::append);
        applyRetention();
        return removed;
    }

    /**
     * The retained checkpoints up to and including the one with {@code id} (retained), oldest first,
     * with this session's ids re-issued in {@code newSessionId} under the same numbers.
     */
    List<Checkpoint> through(String id, String newSessionId) {
        String newPrefix = newSessionId + ":";
        List<Checkpoint> history = new ArrayList<>();
        for (RetainedNode node : nodesThrough(byId.get(id))) {
            Checkpoint checkpoint = node.checkpoint(newPrefix);
            // A node that keeps its checkpoint whole has its own id, re-issued if it is of this session's form.
            history.add(node instanceof RetainedNode.Imported ? new Checkpoint(CheckpointIds.reissued(checkpoint.id(),
                    sessionId, newSessionId), checkpoint.name(), checkpoint.timestamp(), checkpoint.data(),
                    checkpoint.metadata()) : checkpoint);
        }
        return history;
    }

    /** The retained checkpoints named {@code name}, newest first. */
    List<Checkpoint> byName(String name) {
        List<Checkpoint> named = new ArrayList<>();
        for (RetainedNode node = newest; node != null; node = node.older) {
            if (node.name.equals(name)) {
                named.add(node.checkpoint(idPrefix));
            }
        }
        return named;
    }

    /** Removes everything; returns how many checkpoints there were. */
    int clear() {
        int count = size();
        // Unlinked one by one for the reason unlink gives.
        for (RetainedNode node = first; node != null; ) {
            RetainedNode newer = node.newer;
            node.older = null;
            node.newer = null;
            node = newer;
        }
        first = null;
        newest = null;
        oldestRecent = null;
        recentCount = 0;
        middleCount = 0;
        middleByName.clear();
        namesRepeatedInMiddle.clear();
        byId.clear();
        return count;
    }

    private void append(RetainedNode node) {
        byId.add(node);
        node.older = newest;
        node.newer = null;
        if (newest != null) {
            newest.newer = node;
        }
        newest = node;
        if (first == null) {
            first = node;
            return;
        }
        if (oldestRecent == null) {
            oldestRecent = node;
        }
        recentCount++;
        if (recentCount > policy.keepRecent()) {
            slideOldestRecentIntoMiddle();
        }
    }

    private List<RetainedNode> nodesThrough(RetainedNode last) {
        List<RetainedNode> nodes = new ArrayList<>();
        for (RetainedNode node = first; node != last.newer; node = node.newer) {
            nodes.add(node);
        }
        return nodes;
    }

    private void slideOldestRecentIntoMiddle() {
        RetainedNode entering = oldestRecent;
        oldestRecent = entering.newer;
        recentCount--;
        middleCount++;
        ArrayDeque<RetainedNode> sameName = middleByName.computeIfAbsent(entering.name, n -> new ArrayDeque<>(2));
        sameName.addLast(entering);
        if (sameName.size() == 2) {
            namesRepeatedInMiddle.add(entering.name);
        }
    }

    /**
     * Takes a node that is the oldest or the newest of its name out of the middle's bookkeeping,
     * keeping the name deques and the repeated-name set consistent; it stays linked.
     */
    private void leaveMiddle(RetainedNode node, boolean oldestOfItsName) {
        ArrayDeque<RetainedNode> sameName = middleByName.get(node.name);
        if (oldestOfItsName) {
            sameName.pollFirst();
        } else {
            sameName.pollLast();
        }
        if (sameName.isEmpty()) {
            middleByName.remove(node.name);
        } else if (sameName.size() == 1) {
            namesRepeatedInMiddle.remove(node.name);
        }
        middleCount--;
    }

    /** Keeps, of each name in the middle, only the newest. */
    private void compress() {
        for (String name : namesRepeatedInMiddle) {
            ArrayDeque<RetainedNode> sameName = middleByName.get(name);
            while (sameName.size() > 1) {
                unlink(sameName.pollFirst());
                middleCount--;
            }
        }
        namesRepeatedInMiddle.clear();
    }

    private void evictOldestNonFirst() {
        if (size() <= 2) {
            // Only maxCheckpoints == 1 gets here: the checkpoint just added outranks the first.
            RetainedNode kept = newest;
            clear();
            append(kept);
        } else if (middleCount > 0) {
            RetainedNode oldest = first.newer;
            leaveMiddle(oldest, true);
            unlink(oldest);
        } else {
            RetainedNode oldest = oldestRecent;
            oldestRecent = oldest.newer;
            recentCount--;
            unlink(oldest);
        }
    }

    /**
     * Takes {@code node}, never the first nor the newest, out of the list and the index, and clears its
     * links: a removed node that has reached the old generation would otherwise keep the young nodes it
     * points to alive through every young collection, and they the next ones, so that every young
     * collection copied the whole chain of removed checkpoints (pauses of ~300 ms seen).
     */
    private void unlink(RetainedNode node) {
        node.older.newer = node.newer;
        node.newer.older = node.older;
        node.older = null;
        node.newer = null;
        byId.remove(node);
    }
}
