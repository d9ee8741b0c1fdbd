package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints as JDK Flight Recorder events, read back with the JDK's own {@code jfr} tool: one event
 * {@code org.breakpilot.Checkpoint} per checkpoint, a call's event spanning the call; and without a
 * recording, neither the event class nor JFR's event machinery is loaded.
 */
class FlightRecorderIT {

    @TempDir
    Path directory;

    @Test
    void aRecordingShowsOneEventPerCheckpointWithItsSessionIdNameOutcomeAndTheCallsDuration() throws Exception {
        Path recording = directory.resolve("flight.jfr");
        ProcessRun host = Jvm.target().agent("store=memory").option("-XX:StartFlightRecording=filename=" + recording)
                .hostClassPath().main("org.breakpilot.testhost.FlightHost").run(60);
        assertEquals(0, host.exitCode(), host.stderr());
        assertEquals("done\n", host.stdout().lines().filter(line -> !line.startsWith("[")).reduce("", (a, b) -> a + b + "\n"));

        String jfr = Path.of(Jvm.targetJava()).resolveSibling("jfr").toString();
        ProcessRun print = ProcessRun.of(List.of(jfr, "print", "--json", "--events", "org.breakpilot.Checkpoint",
                recording.toString()), 60);
        assertEquals(0, print.exitCode(), print.stderr());
        List<String> seen = new ArrayList<>();
        for (JsonNode event : new ObjectMapper().readTree(print.stdout()).path("recording").path("events")) {
            JsonNode values = event.path("values");
            String line = values.path("session").asText() + " " + values.path("id").asText() + " "
                    + values.path("name").asText() + " " + values.path("outcome").asText();
            seen.add(line);
            long nanos = java.time.Duration.parse(values.path("duration").asText()).toNanos();
            boolean call = !values.path("outcome").asText().equals("created");
            assertTrue(call ? nanos >= 20_000_000 : nanos == 0, line + ": duration " + nanos + " ns");
            assertTrue(values.path("stackTrace").isNull() || values.path("stackTrace").isMissingNode(), line);
        }
        assertEquals(List.of("flight flight:1 flight.step returned", "flight flight:2 flight.step returned",
                "flight flight:3 flight.step returned", "flight flight:4 flight.step threw",
                "flight flight:5 flight.note created"), seen);
    }

    @Test
    void withoutARecordingNeitherTheEventClassNorJfrsEventsAreLoaded() throws Exception {
        ProcessRun host = Jvm.target().agent("store=memory").option("-Xlog:class+load=info")
                .hostClassPath().main("org.breakpilot.testhost.FlightHost").run(60);

        assertEquals(0, host.exitCode(), host.stderr());
        assertTrue(host.stdout().contains("org.breakpilot.testhost.FlightHost "), "the log lists loaded classes");
        assertFalse(host.stdout().contains("CheckpointEvent"), "our event class was loaded");
        assertFalse(host.stdout().contains("jdk.jfr.Event "), "JFR's event base class was loaded");
    }
}
