package org.breakpilot.checkpoint.jmx;

import java.util.List;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.internal.IsoTimestamps;

/**
 * A session's newest checkpoints as one table of open types: what JConsole's and VisualVM's MBeans tabs,
 * jmxterm and Jolokia show as rows, with none of our classes. A checkpoint made by hand has no duration
 * (null) and the outcome {@code created}.
 */
final class RecentCheckpoints {

    /** The most rows: the newest this many checkpoints the session retains. */
    static final int ROWS = 100;
    static final String ATTRIBUTE = "RecentCheckpoints";

    private static final String[] COLUMNS = {"id", "name", "timestamp", "durationNanos", "outcome"};
    private static final String[] DESCRIPTIONS = {"The checkpoint id", "The checkpoint name",
        "When it was created, ISO-8601", "How long the recorded call took, in nanoseconds; null for one made by hand",
        "returned or threw for a call, entered for a call's entry, created for one made by hand"};
    static final TabularType TYPE = tableType();

    private RecentCheckpoints() {
    }

    /** The newest {@value #ROWS} checkpoints {@code manager} retains. */
    static TabularData of(CheckpointManager manager) {
        List<Checkpoint> all = manager.getAll();
        TabularDataSupport table = new TabularDataSupport(TYPE);
        for (Checkpoint checkpoint : all.subList(Math.max(0, all.size() - ROWS), all.size())) {
            Object duration = checkpoint.metadata().get("durationNanos");
            Object outcome = checkpoint.metadata().get("outcome");
            try {
                table.put(new CompositeDataSupport(TYPE.getRowType(), COLUMNS, new Object[] {checkpoint.id(),
                    checkpoint.name(), IsoTimestamps.format(checkpoint.timestamp()),
                    duration instanceof Number nanos && nanos.longValue() >= 0 ? nanos.longValue() : null,
                    outcome instanceof String text ? text : "created"}));
            } catch (OpenDataException e) {
                throw new IllegalStateException("a checkpoint row does not fit its own type", e);
            }
        }
        return table;
    }

    private static TabularType tableType() {
        OpenType<?>[] types = {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.LONG,
            SimpleType.STRING};
        try {
            CompositeType row = new CompositeType("org.breakpilot.checkpoint.RecentCheckpoint", "A checkpoint",
                    COLUMNS, DESCRIPTIONS, types);
            return new TabularType("org.breakpilot.checkpoint.RecentCheckpoints",
                    "The session's newest " + ROWS + " checkpoints", row, new String[] {"id"});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }
}
