package org.breakpilot.checkpoint.store;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.breakpilot.checkpoint.internal.CheckpointIds;

/**
 * The records the journal could not write: counted, and their ids remembered until a Reserved record
 * for them is journaled, since the manager handed those ids out and a restart must not hand them out
 * again although no record of them survives. Thread-safe.
 */
final class DroppedRecords {

    private final AtomicLong count = new AtomicLong();
    /** Per session, the newest id of a dropped record: journaled as a Reserved record with the next batch. */
    private final ConcurrentHashMap<String, Long> ids = new ConcurrentHashMap<>();

    /**
     * Counts {@code record} as not journaled and remembers its id; a reservation not journaled is only
     * remembered again, since no one asked for it.
     */
    void note(JournalRecord record) {
        if (record instanceof JournalRecord.Reserved reserved) {
            ids.merge(record.session(), reserved.lastIdNumber(), Math::max);
            return;
        }
        count.incrementAndGet();
        if (record instanceof JournalRecord.Created created) {
            long number = CheckpointIds.number(record.session(), created.checkpoint().id());
            if (number > 0) {
                ids.merge(record.session(), number, Math::max);
            }
        }
    }

    /**
     * Counts {@code record} as not stored, for a session this JVM no longer owns: its ids are the new
     * owner's to hand out, and nothing is reserved for them here.
     */
    void noteUnowned(JournalRecord record) {
        if (!(record instanceof JournalRecord.Reserved)) {
            count.incrementAndGet();
        }
    }

    /** Counts {@code records} records of a session this JVM no longer owns as not stored. */
    void add(int records) {
        count.addAndGet(records);
    }

    /** Adds to {@code batch} a Reserved record for each session with ids dropped since the last call. */
    void reserveInto(List<JournalRecord> batch) {
        if (ids.isEmpty()) {
            return;
        }
        for (String session : ids.keySet()) {
            Long through = ids.remove(session);
            if (through != null) {
                batch.add(new JournalRecord.Reserved(session, through));
            }
        }
    }

    /** Records not journaled so far. */
    long count() {
        return count.get();
    }
}
