package org.breakpilot.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A manager's listeners: an array swapped whole on every change and read without a lock or an
 * iterator, because listeners change rarely and every create reads them. Thread-safe.
 */
final class ListenerList {

    private volatile ListenerRegistration[] registrations = new ListenerRegistration[0];

    /** Adds {@code registration}; the handle's {@code close()} removes it, harmlessly twice. */
    synchronized AutoCloseable add(ListenerRegistration registration) {
        ListenerRegistration[] more = Arrays.copyOf(registrations, registrations.length + 1);
        more[more.length - 1] = registration;
        registrations = more;
        return () -> remove(registration);
    }

    /** Whether any listener is registered now. */
    boolean any() {
        return registrations.length > 0;
    }

    /** Tells every listener, in the order they were added. */
    void deliver(Checkpoint checkpoint) {
        ListenerRegistration[] current = registrations;
        for (int i = 0; i < current.length; i++) {
            current[i].deliver(checkpoint);
        }
    }

    private synchronized void remove(ListenerRegistration registration) {
        List<ListenerRegistration> remaining = new ArrayList<>(Arrays.asList(registrations));
        remaining.remove(registration);
        registrations = remaining.toArray(new ListenerRegistration[0]);
    }
}
