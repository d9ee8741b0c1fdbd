package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * A long-running host: records three steps in session {@code jmx-demo}, says "ready <pid>", then for
 * each line {@code <session> <value>} on its standard input runs one more step and prints
 * {@code done <result>}, until its input closes.
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
            System.out.println("done " + step(parts[0], Integer.parseInt(parts[1])));
        }
    }
}
