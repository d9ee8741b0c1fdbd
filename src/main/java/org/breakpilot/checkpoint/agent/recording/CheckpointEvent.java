package org.breakpilot.checkpoint.agent.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A checkpoint as a JDK Flight Recorder event. An instrumented call's event spans the call (JFR's own
 * start time and duration); a checkpoint made otherwise is an instant. Loaded only once JFR has started
 * (see {@link FlightRecorderEvents}).
 */
@Name(CheckpointEvent.NAME)
@Label("Checkpoint")
@Category("Checkpoint Agent")
@Description("A checkpoint recorded by checkpoint-agent: an instrumented call, spanning it, or a checkpoint made"
        + " by hand or at a call's entry")
@StackTrace(false)
public final class CheckpointEvent extends Event {

    /** The event's name in recordings: {@code jfr print --events org.breakpilot.Checkpoint}. */
    public static final String NAME = "org.breakpilot.Checkpoint";

    @Label("Session")
    String session;

    @Label("Checkpoint Id")
    String id;

    @Label("Checkpoint Name")
    String name;

    @Label("Outcome")
    @Description("returned or threw for a call; entered for a checkpoint at a call's entry; created for one made by hand")
    String outcome;
}
