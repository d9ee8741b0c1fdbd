package org.breakpilot.checkpoint.agent.recording;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.breakpilot.checkpoint.Checkpoint;

/**
 * Checkpoints as JDK Flight Recorder events ({@link CheckpointEvent}) while a recording enables them. Until
 * JFR itself starts (with {@code -XX:StartFlightRecording}, {@code jcmd JFR.start} or JDK Mission Control),
 * no class of JFR's but {@link FlightRecorder} is loaded, nor the event class, and a call pays one
 * volatile read; while no recording enables the event, a call pays one more field read. A runtime without
 * the {@code jdk.jfr} module makes no events.
 */
final class FlightRecorderEvents {

    private static volatile boolean unavailable;

    private FlightRecorderEvents() {
    }

    /** An event begun now, to span a call and be committed at its end; null when no recording enables it. */
    static CheckpointEvent begin() {
        if (!enabled()) {
            return null;
        }
        CheckpointEvent event = new CheckpointEvent();
        event.begin();
        return event;
    }

    /** Ends and commits {@code begun} (from {@link #begin}, may be null) for the checkpoint the call made. */
    static void commit(CheckpointEvent begun, String session, Checkpoint checkpoint, String outcome) {
        if (begun == null) {
            return;
        }
        begun.end();
        fill(begun, session, checkpoint, outcome).commit();
    }

    /** Commits an instant event for a checkpoint that is not a call's end, when a recording enables it. */
    static void instant(String session, Checkpoint checkpoint, String outcome) {
        if (enabled()) {
            fill(new CheckpointEvent(), session, checkpoint, outcome).commit();
        }
    }

    /** Whether a recording enables the event: then the agent builds each checkpoint's record, for its id. */
    static boolean enabled() {
        if (unavailable) {
            return false;
        }
        try {
            return FlightRecorder.isInitialized() && Registered.TYPE.isEnabled();
        } catch (LinkageError noJfr) {
            // A runtime linked without jdk.jfr: no events, and no second try.
            unavailable = true;
            return false;
        }
    }

    private static CheckpointEvent fill(CheckpointEvent event, String session, Checkpoint checkpoint, String outcome) {
        event.session = session;
        event.id = checkpoint.id();
        event.name = checkpoint.name();
        event.outcome = outcome;
        return event;
    }

    /** The event's type, registered with JFR on first use: only once JFR has started. */
    private static final class Registered {
        static final EventType TYPE = EventType.getEventType(CheckpointEvent.class);
    }
}
