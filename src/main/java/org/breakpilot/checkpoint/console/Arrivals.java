package org.breakpilot.checkpoint.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * Checkpoints that {@code created} notifications announced, handed from JMX's threads to the event dispatch
 * thread. A busy session sends thousands a second: one task on the event dispatch thread takes all that
 * queued meanwhile, rather than one task each.
 */
final class Arrivals {

    /** A checkpoint announced for {@code session}. */
    record Arrival(SessionRow session, RemoteAgent.CreatedCheckpoint created) {
    }

    private final Queue<Arrival> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<Arrival>> show;

    /** {@code show} takes each batch, oldest first, on the event dispatch thread. */
    Arrivals(Consumer<List<Arrival>> show) {
        this.show = show;
    }

    /** Queues one; called on any thread. */
    void add(SessionRow session, RemoteAgent.CreatedCheckpoint created) {
        queue.add(new Arrival(session, created));
        if (scheduled.compareAndSet(false, true)) {
            SwingUtilities.invokeLater(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<Arrival> batch = new ArrayList<>();
        for (Arrival arrival = queue.poll(); arrival != null; arrival = queue.poll()) {
            batch.add(arrival);
        }
        show.accept(batch);
    }
}
