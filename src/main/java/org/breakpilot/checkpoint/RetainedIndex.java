package org.breakpilot.checkpoint;

import java.util.HashMap;
import java.util.Map;
import org.breakpilot.checkpoint.internal.CheckpointIds;

/**
 * The retained nodes of one session by id. Ids of the session's own form are found by their number in an
 * open-addressing table of the nodes themselves (linear probing, deletion by shifting back), which costs
 * 4 to 8 bytes per node where a {@code HashMap} entry costs about 40; the nodes that keep their checkpoint
 * whole, which only an import or a restore brings, are in a {@code HashMap} by id.
 *
 * <p>Not thread-safe: {@link CheckpointManager} guards it.
 */
final class RetainedIndex {

    private static final int INITIAL_SLOTS = 16;

    private final String sessionId;
    private RetainedNode[] slots = new RetainedNode[INITIAL_SLOTS];
    private int numbered;
    private final Map<String, RetainedNode> otherIds = new HashMap<>();

    RetainedIndex(String sessionId) {
        this.sessionId = sessionId;
    }

    int size() {
        return numbered + otherIds.size();
    }

    /** The node with {@code id}; null when there is none, or {@code id} is null. */
    RetainedNode get(String id) {
        if (id == null) {
            return null;
        }
        long number = CheckpointIds.issuedNumber(sessionId, id);
        RetainedNode node = number > 0 ? byNumber(number) : null;
        return node != null ? node : otherIds.get(id);
    }

    void add(RetainedNode node) {
        if (node instanceof RetainedNode.Imported imported) {
            otherIds.put(imported.id(), node);
            return;
        }
        if ((numbered + 1) * 2 > slots.length) {
            resize(slots.length * 2);
        }
        insert(slots, node);
        numbered++;
    }

    /** Removes {@code node}; one that is not here changes nothing (the probe stops at the first empty slot). */
    void remove(RetainedNode node) {
        if (node instanceof RetainedNode.Imported imported) {
            otherIds.remove(imported.id());
            return;
        }
        int mask = slots.length - 1;
        int hole = home(node.number, mask);
        while (slots[hole] != node) {
            if (slots[hole] == null) {
                return;
            }
            hole = (hole + 1) & mask;
        }
        slots[hole] = null;
        numbered--;
        // Shift back every later node of the run that its home no longer reaches past the hole.
        for (int next = (hole + 1) & mask; slots[next] != null; next = (next + 1) & mask) {
            int nextHome = home(slots[next].number, mask);
            boolean reachable = hole <= next ? hole < nextHome && nextHome <= next : hole < nextHome || nextHome <= next;
            if (!reachable) {
                slots[hole] = slots[next];
                slots[next] = null;
                hole = next;
            }
        }
    }

    void clear() {
        slots = new RetainedNode[INITIAL_SLOTS];
        numbered = 0;
        otherIds.clear();
    }

    private RetainedNode byNumber(long number) {
        int mask = slots.length - 1;
        for (int slot = home(number, mask); slots[slot] != null; slot = (slot + 1) & mask) {
            if (slots[slot].number == number) {
                return slots[slot];
            }
        }
        return null;
    }

    private void resize(int size) {
        RetainedNode[] larger = new RetainedNode[size];
        for (RetainedNode node : slots) {
            if (node != null) {
                insert(larger, node);
            }
        }
        slots = larger;
    }

    private static void insert(RetainedNode[] table, RetainedNode node) {
        int mask = table.length - 1;
        int slot = home(node.number, mask);
        while (table[slot] != null) {
            slot = (slot + 1) & mask;
        }
        table[slot] = node;
    }

    /** Fibonacci hashing: consecutive numbers, the usual case, spread over the table. */
    private static int home(long number, int mask) {
        long mixed = number * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }
}
