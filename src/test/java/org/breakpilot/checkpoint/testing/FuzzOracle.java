package org.breakpilot.checkpoint.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fuzz tests require of a refusal: the documented exception carries a message that is one
 * non-empty line, so that an operator reading stderr or a JMX reply sees the whole reason and nothing
 * an input smuggled in after a line break.
 */
public final class FuzzOracle {

    private FuzzOracle() {
    }

    /** Fails unless {@code refusal}'s message is one non-blank line. */
    public static void assertOneLineMessage(Throwable refusal) {
        String message = refusal.getMessage();
        assertNotNull(message, "a refusal without a message: " + refusal);
        assertFalse(message.isBlank(), "a refusal with a blank message: " + refusal);
        assertTrue(message.lines().count() == 1 && message.indexOf('\n') < 0 && message.indexOf('\r') < 0,
                "a refusal whose message is not one line: " + message);
    }
}
