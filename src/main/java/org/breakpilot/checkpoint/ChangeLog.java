package org.breakpilot.checkpoint;

import java.util.List;

/**
 * Where a {@link CheckpointManager} reports each change to what it retains, so that a store can
 * persist the changes and replay them after a restart. The core knows nothing of files: a store
 * implements this.
 *
 * <p>The change methods are called under the manager's lock, in the order the changes happen, and
 * must return quickly (hand the change to a writer, do not write it). Each returns a token that the
 * manager passes to {@link #awaitDurable(long)} after releasing the lock, so a store can make the
 * caller wait for its change to be durable without holding up other threads.
 */
public interface ChangeLog {

    /** Records nothing: the log of a manager that lives in memory only. */
    ChangeLog NONE = new ChangeLog() {
        @Override
        public long created(String sessionId, Checkpoint checkpoint) {
            return 0;
        }

        @Override
        public long imported(String sessionId, List<Checkpoint> checkpoints) {
            return 0;
        }

        @Override
        public long cleared(String sessionId) {
            return 0;
        }

        @Override
        public long rewound(String sessionId, String checkpointId) {
            return 0;
        }

        @Override
        public void awaitDurable(long token) {
        }
    };

    /** A checkpoint was created (before retention was applied). */
    long created(String sessionId, Checkpoint checkpoint);

    /** Checkpoints were imported, in this order, before retention was applied to them together. */
    long imported(String sessionId, List<Checkpoint> checkpoints);

    /** Every retained checkpoint was removed. */
    long cleared(String sessionId);

    /** Every checkpoint after {@code checkpointId} was removed. */
    long rewound(String sessionId, String checkpointId);

    /** Returns once the change with {@code token} is as durable as the store promises. */
    void awaitDurable(long token);
}
