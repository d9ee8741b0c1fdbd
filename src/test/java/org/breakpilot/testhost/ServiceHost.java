package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.SessionId;

/** A long-running host: records three steps, says "ready", and runs until its standard input closes. */
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
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
