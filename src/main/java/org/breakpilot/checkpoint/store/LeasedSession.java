package org.breakpilot.checkpoint.store;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This JVM's lease on one session of the PostgreSQL store: the epoch its writes are fenced with, and
 * where its next record goes.
 */
final class LeasedSession {

    final long epoch;
    /** The position of the session's next record; the writer's thread's alone once the lease is published. */
    long nextPosition;
    /** Records written since the session was loaded or last compacted; the writer's thread's alone. */
    long recordsSinceCompaction;
    private final AtomicBoolean lost = new AtomicBoolean();

    LeasedSession(long epoch, long nextPosition) {
        this.epoch = epoch;
        this.nextPosition = nextPosition;
    }

    /** Another JVM took the session over: this one writes nothing more to it. True only for the first call. */
    boolean lose() {
        return lost.compareAndSet(false, true);
    }

    /** This JVM let the session go (it was idle): it writes nothing more under this lease, and says nothing. */
    void giveUp() {
        lost.set(true);
    }

    /** Whether this JVM writes nothing more under this lease: another JVM took it over, or it was given up. */
    boolean lost() {
        return lost.get();
    }
}
