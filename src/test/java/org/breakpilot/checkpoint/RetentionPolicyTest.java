package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    @Test
    void defaultsAreTheReferences() {
        assertEquals(new RetentionPolicy(100, 50, 20), RetentionPolicy.DEFAULT);
        assertEquals(RetentionPolicy.DEFAULT, new CheckpointManager("s").retention());
    }

    @Test
    void outOfRangeSettingsAreRejectedNamingSettingValueAndBound() {
        assertEquals("maxCheckpoints must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(0, 50, 20)).getMessage());
        assertEquals("compressAfter must be >= 1, got -3",
                assertThrows(IllegalArgumentException.class, () -> new CheckpointManager("s", 100, -3)).getMessage());
        assertEquals("keepRecent must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(100, 50, -1)).getMessage());
    }
}
