package org.breakpilot.testhost;

import java.util.Map;
import java.util.TreeMap;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.SessionId;
import org.slf4j.MDC;

/**
 * Calls made while the application's SLF4J MDC names a conversation, as a request filter would put it
 * there; loaded by {@link MdcSessionHost} through the application's loader or an isolated one, so that
 * only this class's loader may see SLF4J. Prints the MDC after each call: the agent must not change it.
 */
public class MdcGuest implements Runnable {

    static final String KEY = "conversation.id";

    @Checkpoint("order.place")
    public String place(String item) {
        return "placed " + item;
    }

    @Checkpoint("order.placeFor")
    public String placeFor(@SessionId String orderId, String item) {
        return "placed " + item + " for " + orderId;
    }

    /** Not annotated: recorded when {@code methods=} selects it. */
    public String audit(String what) {
        return "audited " + what;
    }

    @Override
    public void run() {
        MDC.put(KEY, "conv-1");
        MDC.put("tenant", "acme");
        print("place", place("apple"));
        print("placeFor", placeFor("order-7", "pear"));
        try (Checkpoints.Scope scoped = Checkpoints.session("scoped")) {
            print("place in a scope", place("plum"));
        }
        MDC.put(KEY, "conv-2");
        print("audit", audit("books"));
        MDC.remove(KEY);
        print("place without the key", place("fig"));
        MDC.put(KEY, "");
        print("place with an empty value", place("kiwi"));
        MDC.clear();
    }

    private static void print(String call, String result) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        System.out.println(call + " = " + result + "; mdc after = " + (mdc == null ? "{}" : new TreeMap<>(mdc)));
    }
}
