package org.breakpilot.testhost;

import java.util.Map;
import java.util.Optional;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * Creates checkpoints until it is killed, from several threads, each in its own session, and prints
 * {@code ack <id>} for each one once {@code create} has returned: with {@code fsync=always}, every
 * printed id must survive a SIGKILL.
 */
public class CrashWriter {

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        for (int t = 0; t < threads; t++) {
            String session = "crash-" + t;
            Thread writer = new Thread(() -> write(session), "writer-" + t);
            writer.start();
        }
    }

    private static void write(String session) {
        try (Checkpoints.Scope scope = Checkpoints.session(session)) {
            for (long n = 0; ; n++) {
                Optional<String> id = Checkpoints.create("tick", Map.of("n", n, "padding", "p".repeat(64)));
                synchronized (System.out) {
                    System.out.println(id.map(acknowledged -> "ack " + acknowledged).orElse("not recorded"));
                    System.out.flush();
                }
            }
        }
    }
}
