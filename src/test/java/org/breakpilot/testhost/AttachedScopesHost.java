package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * A long-running host for attach and detach with scoped tasks. Says {@code ready <pid>}, then answers
 * each line: {@code run <s>} runs {@code work(s)} on a pool thread from a scope of session s;
 * {@code hold <s>} leaves, from such a scope, a task waiting on a latch and a plain {@code Runnable}
 * queued behind it; {@code release} lets them finish and says what they returned.
 */
public class AttachedScopesHost {

    private static final ExecutorService POOL = Executors.newSingleThreadExecutor();
    private static final AtomicReference<String> QUEUED = new AtomicReference<>();
    private static CountDownLatch gate;
    private static Future<String> held;

    @Checkpoint("work")
    static String work(String label) {
        return label + " done";
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] parts = line.split(" ");
            System.out.println(answer(parts[0], parts.length > 1 ? parts[1] : ""));
        }
        POOL.shutdown();
    }

    private static String answer(String command, String session) throws Exception {
        switch (command) {
            case "run":
                try (Checkpoints.Scope scope = Checkpoints.session(session)) {
                    return "ran " + POOL.submit(() -> work(session)).get();
                }
            case "hold":
                try (Checkpoints.Scope scope = Checkpoints.session(session)) {
                    CountDownLatch started = new CountDownLatch(1);
                    gate = new CountDownLatch(1);
                    held = POOL.submit(() -> {
                        started.countDown();
                        gate.await();
                        return work(session);
                    });
                    POOL.execute(() -> QUEUED.set(work(session)));
                    started.await();
                    return "held";
                }
            case "release":
                gate.countDown();
                String result = held.get();
                POOL.submit(() -> { }).get();
                return "released " + result + ", " + QUEUED.get();
            default:
                return "unknown command " + command;
        }
    }
}
