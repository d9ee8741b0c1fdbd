package org.breakpilot.checkpoint.jmx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;

/**
 * A broadcaster that says when its first listener comes and its last leaves, so that checkpoints are
 * followed (and their notifications, JSON of their data, made on the application's thread) only while a
 * JMX client subscribes.
 */
final class ListenedBroadcaster extends NotificationBroadcasterSupport {

    /** Registrations per listener: removing a listener without its filter removes all of them. */
    private final Map<NotificationListener, Integer> registrations = new HashMap<>();
    private final Consumer<Boolean> listenedChanges;
    private boolean listened;

    /** @param listenedChanges told {@code true} when the first listener comes, {@code false} when the last leaves */
    ListenedBroadcaster(Consumer<Boolean> listenedChanges, MBeanNotificationInfo... info) {
        super(info);
        this.listenedChanges = listenedChanges;
    }

    @Override
    public synchronized void addNotificationListener(NotificationListener listener, NotificationFilter filter,
                                                     Object handback) {
        super.addNotificationListener(listener, filter, handback);
        registrations.merge(listener, 1, Integer::sum);
        updateListened();
    }

    @Override
    public synchronized void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        super.removeNotificationListener(listener);
        registrations.remove(listener);
        updateListened();
    }

    @Override
    public synchronized void removeNotificationListener(NotificationListener listener, NotificationFilter filter,
                                                        Object handback) throws ListenerNotFoundException {
        super.removeNotificationListener(listener, filter, handback);
        registrations.computeIfPresent(listener, (l, count) -> count == 1 ? null : count - 1);
        updateListened();
    }

    private void updateListened() {
        boolean now = !registrations.isEmpty();
        if (now != listened) {
            listened = now;
            listenedChanges.accept(now);
        }
    }
}
