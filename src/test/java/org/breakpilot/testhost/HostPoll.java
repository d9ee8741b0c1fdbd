package org.breakpilot.testhost;

import java.time.Duration;

/**
 * How a host waits for a condition, such as the agent's MBeans being registered (the agent registers them
 * off the application's threads, its own a second after start). Hosts run on the test classes and the api
 * jar alone, so Awaitility, the tests' way to wait, is not on their class path: this is the hosts' one poll.
 */
final class HostPoll {

    /** A condition to poll. */
    interface Condition {
        boolean holds() throws Exception;
    }

    private HostPoll() {
    }

    /** Checks {@code condition} every 20 ms until it holds or {@code atMost} has passed; whether it held. */
    static boolean until(Duration atMost, Condition condition) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
