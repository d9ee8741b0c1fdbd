package org.breakpilot.testhost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * One JVM of a fleet: {@code threads} threads create checkpoints in {@code sessions} sessions named
 * {@code <prefix>-<n>}, each session {@code rounds} times, thread t taking the sessions whose n is t modulo
 * {@code threads}, all sessions in turn each round. Prints {@code done <creates> <not recorded>} and exits.
 *
 * <p>Arguments: {@code prefix sessions threads rounds}.
 */
public class FleetWriter {

    public static void main(String[] args) throws InterruptedException {
        String prefix = args[0];
        int sessions = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        AtomicLong created = new AtomicLong();
        AtomicLong notRecorded = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread writer = new Thread(() -> {
                for (int round = 1; round <= rounds; round++) {
                    for (int n = first; n < sessions; n += threads) {
                        try (Checkpoints.Scope scope = Checkpoints.session(prefix + "-" + n)) {
                            boolean recorded = Checkpoints.create("round", Map.of("round", round)).isPresent();
                            (recorded ? created : notRecorded).incrementAndGet();
                        }
                    }
                }
            }, "fleet-writer-" + t);
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        System.out.println("done " + created.get() + " " + notRecorded.get());
    }
}
