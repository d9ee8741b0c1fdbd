package org.breakpilot.checkpoint.jmx;

import java.util.HashMap;
import java.util.Map;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;

/**
 * A broadcaster that knows whether anyone listens, so that a checkpoint's notification (JSON of its
 * data, built on the application's thread) is made only while a JMX client subscribes.
 */
final class ListenedBroadcaster extends NotificationBroadcasterSupport {

    /** Registrations per listener: removing a listener without its filter removes all of them. */
    private final Map<NotificationListener, Integer> registrations = new HashMap<>();
    private volatile boolean listened;

    ListenedBroadcaster(MBeanNotificationInfo... info) {
        super(info);
    }

    boolean hasListeners() {
        return listened;
    }

    @Override
    public synchronized void addNotificationListener(NotificationListener listener, NotificationFilter filter,
                                                     Object handback) {
        super.addNotificationListener(listener, filter, handback);
        registrations.merge(listener, 1, Integer::sum);
        listened = true;
    }

    @Override
    public synchronized void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        super.removeNotificationListener(listener);
        registrations.remove(listener);
        listened = !registrations.isEmpty();
    }

    @Override
    public synchronized void removeNotificationListener(NotificationListener listener, NotificationFilter filter,
                                                        Object handback) throws ListenerNotFoundException {
        super.removeNotificationListener(listener, filter, handback);
        registrations.computeIfPresent(listener, (l, count) -> count == 1 ? null : count - 1);
        listened = !registrations.isEmpty();
    }
}
