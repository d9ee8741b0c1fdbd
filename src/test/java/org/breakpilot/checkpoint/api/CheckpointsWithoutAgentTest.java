package org.breakpilot.checkpoint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With no agent loaded — here the dispatcher class is even on the class path, but not in the boot
 * loader, which is the only place the facade looks — every method does nothing and says so.
 */
class CheckpointsWithoutAgentTest {

    @Test
    void everyMethodIsAHarmlessNoOp() {
        try (Checkpoints.Scope scope = Checkpoints.session("s")) {
            assertEquals(Optional.empty(), Checkpoints.current());
        }
        assertEquals(Optional.empty(), Checkpoints.create("step", Map.of("k", 1)));
        assertEquals(Optional.empty(), Checkpoints.summaryJson("s"));
        assertEquals(Optional.empty(), Checkpoints.exportJson("s"));
    }

    @Test
    void aNullSessionIsRejectedEvenWithoutAnAgent() {
        assertEquals("sessionId must not be null",
                assertThrows(NullPointerException.class, () -> Checkpoints.session(null)).getMessage());
    }
}
