package org.breakpilot.checkpoint.store;

import java.util.List;

/**
 * Where a {@link JournalWriter} puts its batches of records: the journal's active segment, or the
 * PostgreSQL store's rows. Not thread-safe: the writer's thread uses it, and after that thread has
 * finished, callers one at a time under the writer's lock. A sink that cannot write pauses before it
 * returns false, so that the writer's retry of the same batch does not spin.
 */
interface RecordSink {

    /** Writes {@code batch} whole; false, with none of it written, when it could not (the writer retries it). */
    boolean write(List<JournalRecord> batch);

    /** Makes what was written durable; true when it is (or nothing needs it). */
    boolean force();

    /** Everything written is durable and nothing is pending: time for the sink's own upkeep. */
    void caughtUp();

    /** The writer's thread is ending: what callers write after this goes where a later start finds it. */
    void finish();

    /** Records written so far, the writer's own bookkeeping not counted. */
    long written();

    /** Forces (or commits) so far. */
    long fsyncs();

    /** The store in log lines: {@code Checkpoint journal /var/lib/app/journal}. */
    String describe();
}
