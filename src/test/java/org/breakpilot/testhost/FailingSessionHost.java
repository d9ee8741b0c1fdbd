package org.breakpilot.testhost;

import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * Makes the agent's own code fail on every call: the session argument's {@code toString} throws
 * while the agent works out the session. The method must run as without the agent.
 */
public class FailingSessionHost {

    /** A session key whose string form cannot be made. */
    public static final class BrokenKey {
        @Override
        public String toString() {
            throw new IllegalStateException("no string form");
        }
    }

    @Checkpoint
    static int step(@SessionId BrokenKey key, int value) {
        return value * 2;
    }

    public static void main(String[] args) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += step(new BrokenKey(), i);
        }
        System.out.println("sum = " + sum);
    }
}
