package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A long-running host whose only marked method is marked by a composed annotation
 * ({@code MarkingHost.Payments.charge}, {@code @PaymentStep}): charges once, says "ready <pid>", then for
 * each line {@code <account>} on its standard input charges it and prints {@code done <result>}.
 */
public class ComposedServiceHost {

    public static void main(String[] args) throws Exception {
        MarkingHost.Payments.charge("before-attach");
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            System.out.println("done " + MarkingHost.Payments.charge(line));
        }
    }
}
