package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * A service whose sessions come and go: says {@code ready <pid>}, waits for a line on its standard input,
 * then {@code threads} threads create {@code perSession} checkpoints, each with a {@code payloadBytes}
 * string, in each of {@code sessions} sessions named {@code churn-<n>}, one session after another (thread t
 * takes the sessions whose n is t modulo {@code threads}); a session is never used again. Prints
 * {@code done <created> <not recorded>} and waits for its input to close.
 *
 * <p>Arguments: {@code sessions threads perSession payloadBytes}.
 */
public class SessionChurn {

    public static void main(String[] args) throws Exception {
        int sessions = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int perSession = Integer.parseInt(args[2]);
        String payload = "x".repeat(Integer.parseInt(args[3]));
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        input.readLine();
        AtomicLong created = new AtomicLong();
        AtomicLong notRecorded = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                for (int n = first; n < sessions; n += threads) {
                    try (Checkpoints.Scope scope = Checkpoints.session("churn-" + n)) {
                        for (int step = 1; step <= perSession; step++) {
                            boolean recorded = Checkpoints.create("step", Map.of("step", step, "payload", payload))
                                    .isPresent();
                            (recorded ? created : notRecorded).incrementAndGet();
                        }
                    }
                }
            }, "churn-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("done " + created.get() + " " + notRecorded.get());
        while (input.readLine() != null) {
            // Stays up until its input closes, so that its heap can be read after the churn.
        }
    }
}
