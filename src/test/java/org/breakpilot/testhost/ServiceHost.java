package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * A long-running host: records three steps in session {@code jmx-demo}, says "ready <pid>", then for
 * each line {@code <session> <value>} on its standard input runs one more step and prints
 * {@code done <result>}, until its input closes. The line {@code published <session>} asks whether the
 * agent has registered its own MBean and that session's on this JVM's platform MBean server; the host
 * answers {@code published true} or {@code published false}, looking in-process, so that asking opens
 * no JMX connection.
 */
public class ServiceHost {

    @Checkpoint("service.step")
    static int step(@SessionId String session, int value) {
        return value * value;
    }

    public static void main(String[] args) throws Exception {
        for (int i = 1; i <= 3; i++) {
            step("jmx-demo", i);
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] parts = line.split(" ");
            if (parts[0].equals("published")) {
                System.out.println("published " + published(parts[1]));
            } else {
                System.out.println("done " + step(parts[0], Integer.parseInt(parts[1])));
            }
        }
    }

    private static boolean published(String session) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.isRegistered(new ObjectName("org.breakpilot.checkpoint:type=Agent"))
                && server.isRegistered(new ObjectName("org.breakpilot.checkpoint:type=CheckpointManager,session="
                        + ObjectName.quote(session)));
    }
}
