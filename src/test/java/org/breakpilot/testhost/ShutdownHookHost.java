package org.breakpilot.testhost;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;

/**
 * An application whose own shutdown hook makes checkpoints after the agent's shutdown hooks have
 * finished: the order the JVM may choose that leaves no agent thread to write them. The hook joins the
 * agent's hook threads, taken from the JVM's hook table while {@code main} runs (it needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}), so the order is forced, not hoped for.
 *
 * <p>Arguments: how many checkpoints the hook makes; {@code exit} to end {@code main} with
 * {@code System.exit(0)} rather than by returning. Prints {@code hook made <n>} when its hook is done.
 */
public class ShutdownHookHost {

    @Checkpoint("job.step")
    static int step(int n) {
        return n;
    }

    @Checkpoint("drain")
    static int drain(int n) {
        return n;
    }

    @Checkpoint("late.session.step")
    static int lateSessionStep(int n) {
        return n;
    }

    public static void main(String[] args) throws Exception {
        int lateCheckpoints = Integer.parseInt(args[0]);
        try (Checkpoints.Scope scope = Checkpoints.session("shutdown-job")) {
            step(1);
        }
        List<Thread> agentHooks = agentHookThreads();
        if (agentHooks.isEmpty()) {
            throw new IllegalStateException("the agent registered no shutdown hook");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Thread agentHook : agentHooks) {
                try {
                    agentHook.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try (Checkpoints.Scope scope = Checkpoints.session("shutdown-job")) {
                for (int i = 1; i <= lateCheckpoints; i++) {
                    drain(i);
                }
            }
            // A session that first appears after the agent's hooks ran.
            try (Checkpoints.Scope scope = Checkpoints.session("shutdown-late")) {
                lateSessionStep(1);
            }
            System.out.println("hook made " + (lateCheckpoints + 1));
        }, "host-shutdown-hook"));
        if (args.length > 1 && args[1].equals("exit")) {
            System.exit(0);
        }
    }

    /** The agent's registered hooks, by their thread names. */
    @SuppressWarnings("unchecked")
    private static List<Thread> agentHookThreads() throws ReflectiveOperationException {
        Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
        hooks.setAccessible(true);
        List<Thread> agent = new ArrayList<>();
        synchronized (Class.forName("java.lang.ApplicationShutdownHooks")) {
            for (Thread hook : ((Map<Thread, Thread>) hooks.get(null)).keySet()) {
                if (hook.getName().startsWith("checkpoint-agent")) {
                    agent.add(hook);
                }
            }
        }
        return agent;
    }
}
