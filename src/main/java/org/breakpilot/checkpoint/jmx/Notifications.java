package org.breakpilot.checkpoint.jmx;

import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.breakpilot.checkpoint.Checkpoint;

/** The notification types of a session's MBean, and the open-type form of a checkpoint they carry. */
final class Notifications {

    static final String CREATED = "org.breakpilot.checkpoint.created";
    static final String ROLLBACK = "org.breakpilot.checkpoint.rollback";
    static final String CLEARED = "org.breakpilot.checkpoint.cleared";
    static final String IMPORTED = "org.breakpilot.checkpoint.imported";
    static final String REWOUND = "org.breakpilot.checkpoint.rewound";
    static final String FORKED = "org.breakpilot.checkpoint.forked";

    static final MBeanNotificationInfo[] INFO = {
        new MBeanNotificationInfo(new String[] {CREATED}, Notification.class.getName(),
                "A checkpoint was created; user data: the checkpoint (id, name, timestamp, data, metadata)"),
        new MBeanNotificationInfo(new String[] {ROLLBACK}, Notification.class.getName(),
                "A rollback was requested over JMX; user data: the checkpoint id"),
        new MBeanNotificationInfo(new String[] {CLEARED}, Notification.class.getName(),
                "The session's checkpoints were cleared over JMX"),
        new MBeanNotificationInfo(new String[] {IMPORTED}, Notification.class.getName(),
                "Checkpoints were imported over JMX"),
        new MBeanNotificationInfo(new String[] {REWOUND}, Notification.class.getName(),
                "The session was rewound over JMX; user data: the checkpoint id"),
        new MBeanNotificationInfo(new String[] {FORKED}, Notification.class.getName(),
                "A new session was forked from this one over JMX; user data: its id"),
    };

    private static final String[] ITEMS = {"data", "id", "metadata", "name", "timestamp"};
    private static final CompositeType CHECKPOINT_TYPE = checkpointType();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Notifications() {
    }

    static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    /** The same composite the MXBean framework makes of a {@link CheckpointData}. */
    static CompositeData composite(Checkpoint checkpoint) {
        CheckpointData view = CheckpointData.of(checkpoint);
        try {
            return new CompositeDataSupport(CHECKPOINT_TYPE, ITEMS, new Object[] {
                view.getData(), view.getId(), view.getMetadata(), view.getName(), view.getTimestamp()});
        } catch (OpenDataException e) {
            throw new IllegalStateException("checkpoint composite does not fit its own type", e);
        }
    }

    private static CompositeType checkpointType() {
        OpenType<?>[] types = new OpenType<?>[ITEMS.length];
        java.util.Arrays.fill(types, SimpleType.STRING);
        try {
            return new CompositeType(CheckpointData.class.getName(), "A checkpoint", ITEMS, ITEMS, types);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }
}
