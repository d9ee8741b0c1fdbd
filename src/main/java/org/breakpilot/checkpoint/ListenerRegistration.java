package org.breakpilot.checkpoint;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One listener of a manager, isolated so that its failures reach neither the caller nor the others. */
final class ListenerRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistration.class);

    private final Consumer<Checkpoint> listener;
    private final String sessionId;
    private final AtomicLong failures = new AtomicLong();

    ListenerRegistration(Consumer<Checkpoint> listener, String sessionId) {
        this.listener = listener;
        this.sessionId = sessionId;
    }

    void deliver(Checkpoint checkpoint) {
        try {
            listener.accept(checkpoint);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            // The first failure is logged in full, later ones only counted, so a broken listener
            // cannot flood the log of the application it runs in.
            long count = failures.incrementAndGet();
            if (count == 1) {
                LOG.warn("Session {}: checkpoint listener {} failed on {}; its further failures are counted"
                        + " at debug level", sessionId, listener, checkpoint.id(), failure);
            } else if (LOG.isDebugEnabled()) {
                LOG.debug("Session {}: checkpoint listener {} failed {} times, now on {}: {}",
                        sessionId, listener, count, checkpoint.id(), failure.toString());
            }
        }
    }
}
