package org.breakpilot.testhost;

import java.util.Map;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.SessionId;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * Checkpoints of every kind, for a JFR recording to show: three calls that return (about 20 ms each), one
 * that throws, and one checkpoint made by hand, all in session {@code flight}. Prints {@code done}.
 */
public final class FlightHost {

    private FlightHost() {
    }

    @Checkpoint("flight.step")
    static int step(@SessionId String session, int value) throws InterruptedException {
        Thread.sleep(20);
        if (value < 0) {
            throw new IllegalArgumentException("negative");
        }
        return value * 2;
    }

    public static void main(String[] args) throws Exception {
        for (int value = 1; value <= 3; value++) {
            step("flight", value);
        }
        try {
            step("flight", -1);
        } catch (IllegalArgumentException expected) {
            // Recorded as threw.
        }
        try (Checkpoints.Scope scope = Checkpoints.session("flight")) {
            Checkpoints.create("flight.note", Map.of("by", "hand"));
        }
        System.out.println("done");
    }
}
