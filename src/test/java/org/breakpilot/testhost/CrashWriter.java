package org.breakpilot.testhost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * Changes checkpoints until it is killed, from several threads, each in its own session
 * {@code crash-<t>}: mostly creates, and, as often as asked, rewinds to one of the session's checkpoints
 * or forks the session at one. Every line it prints is flushed before the next change starts, so a
 * test that reads them knows exactly which changes were acknowledged (with {@code fsync=always} they
 * must survive a SIGKILL) and which one, at most, was under way per session when the kill came:
 * <pre>
 * state S ID...            session S's history as this JVM restored it, before any change
 * ack ID                    a create returned
 * rewind? S ID              a rewind starts;  rewound S ID REMOVED      it returned
 * fork? S ID NEW            a fork starts;    forked S ID NEW MADE      it returned
 * not-recorded S            a create recorded nothing
 * </pre>
 * Arguments: threads, the run's number (names the forks), rewinds and forks per thousand changes.
 */
public class CrashWriter {

    /** A fork starts from one of the session's first checkpoints, so forks stay small. */
    private static final int FORK_FROM_FIRST = 10;

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int run = Integer.parseInt(args[1]);
        int rewindsPerMille = Integer.parseInt(args[2]);
        int forksPerMille = Integer.parseInt(args[3]);
        for (int t = 0; t < threads; t++) {
            SessionWriter writer = new SessionWriter("crash-" + t, run, new Random(run * 1000L + t), rewindsPerMille,
                    forksPerMille);
            new Thread(writer::writeUntilKilled, "writer-" + t).start();
        }
    }

    /** One thread's session: the changes are made one after another, so its lines are in their order. */
    private static final class SessionWriter {
        private final String session;
        private final int run;
        private final Random random;
        private final int rewindsPerMille;
        private final int forksPerMille;
        private final List<String> retained = new ArrayList<>();
        private int forks;

        SessionWriter(String session, int run, Random random, int rewindsPerMille, int forksPerMille) {
            this.session = session;
            this.run = run;
            this.random = random;
            this.rewindsPerMille = rewindsPerMille;
            this.forksPerMille = forksPerMille;
        }

        void writeUntilKilled() {
            for (Map<String, Object> checkpoint : Checkpoints.history(session)) {
                retained.add((String) checkpoint.get("id"));
            }
            print("state " + session + (retained.isEmpty() ? "" : " " + String.join(" ", retained)));
            try (Checkpoints.Scope scope = Checkpoints.session(session)) {
                for (long n = 0; ; n++) {
                    int dice = random.nextInt(1000);
                    if (dice < rewindsPerMille && !retained.isEmpty()) {
                        rewind(random.nextInt(retained.size()));
                    } else if (dice < rewindsPerMille + forksPerMille && !retained.isEmpty()) {
                        fork(random.nextInt(Math.min(retained.size(), FORK_FROM_FIRST)));
                    } else {
                        create(n);
                    }
                }
            }
        }

        private void create(long n) {
            Optional<String> id = Checkpoints.create("tick", Map.of("n", n, "padding", "p".repeat(64)));
            id.ifPresent(retained::add);
            print(id.map(acknowledged -> "ack " + acknowledged).orElse("not-recorded " + session));
        }

        private void rewind(int index) {
            String id = retained.get(index);
            print("rewind? " + session + " " + id);
            int removed = Checkpoints.rewindTo(session, id);
            retained.subList(index + 1, retained.size()).clear();
            print("rewound " + session + " " + id + " " + removed);
        }

        private void fork(int index) {
            String id = retained.get(index);
            String fork = session + "-fork-r" + run + "-" + ++forks;
            print("fork? " + session + " " + id + " " + fork);
            boolean made = Checkpoints.fork(session, id, fork);
            print("forked " + session + " " + id + " " + fork + " " + made);
        }

        private static void print(String line) {
            synchronized (System.out) {
                System.out.println(line);
                System.out.flush();
            }
        }
    }
}
