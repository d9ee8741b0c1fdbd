package org.breakpilot.testhost;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.SessionId;
import org.junit.jupiter.api.Test;

/**
 * An application's own JUnit 5 test, as a user runs it under the agent: it calls a replay step in a
 * session named by its test data. {@code JUnitSuiteUnderAgentIT} runs it through JUnit's console
 * launcher, twice, as {@code mvn test} run twice would; this build's Surefire never runs it (its name
 * matches none of Surefire's patterns).
 */
class QuoteSuite {

    /** A quote of this moment: a result replayed from an earlier run is older than the call. */
    @Checkpoint(value = "quote", replay = true)
    static long quote(@SessionId String order, String item) {
        System.out.println("ran quote " + item);
        return System.currentTimeMillis();
    }

    @Test
    void aQuoteIsMadeNowNotTakenFromAnEarlierRun() {
        long before = System.currentTimeMillis();
        long quoted = quote("order-42", "apple");
        assertTrue(quoted >= before, "quoted at " + quoted + ", before the call at " + before);
    }
}
