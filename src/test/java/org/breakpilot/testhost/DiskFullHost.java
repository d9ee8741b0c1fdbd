package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * A host driven line by line on its standard input, for the disk-full test: {@code write N} makes N
 * calls of a {@code @Checkpoint} step in session {@code disk} and prints {@code wrote N sum S} (the sum
 * of the results); {@code dropped} prints the agent's {@code Dropped} counter; {@code latest} prints
 * the session's newest id and how many it retains. It ends when its input does. Commands given as
 * arguments are run instead of reading the input.
 */
public class DiskFullHost {

    static final String PADDING = "x".repeat(200);

    @Checkpoint("disk.step")
    static long step(@SessionId String session, int i, String padding) {
        return (long) i * i;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            for (String command : args) {
                run(command);
            }
            return;
        }
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            run(line);
        }
    }

    private static void run(String line) throws Exception {
        String[] words = line.split(" ");
        switch (words[0]) {
            case "write" -> {
                int count = Integer.parseInt(words[1]);
                long sum = 0;
                for (int i = 0; i < count; i++) {
                    sum += step("disk", i, PADDING);
                }
                System.out.println("wrote " + count + " sum " + sum);
            }
            case "dropped" -> System.out.println("dropped " + agentAttribute("Dropped"));
            case "latest" -> {
                Map<String, Object> latest = Checkpoints.latest("disk", null).orElse(Map.of());
                System.out.println("latest " + latest.get("id") + " retained " + Checkpoints.history("disk").size());
            }
            default -> System.out.println("unknown command " + line);
        }
    }

    /** The agent's MBean is registered a second after start: waits for it, at most 30 s. */
    private static Object agentAttribute(String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("org.breakpilot.checkpoint:type=Agent");
        HostPoll.until(Duration.ofSeconds(30), () -> server.isRegistered(agent));
        return server.getAttribute(agent, attribute);
    }
}
