package org.breakpilot.checkpoint.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every command about a running JVM takes, mixed into it: the JVM's pid as its first parameter,
 * and the command's own output streams.
 */
final class LiveTarget {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;
    @Parameters(index = "0", description = "the JVM's pid")
    private String pid;

    /** The pid as given. */
    String pid() {
        return pid;
    }

    /** The command's standard output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** The command's standard error. */
    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** The JVM, whether or not the agent is there. */
    TargetJvm attach() {
        return TargetJvm.attach(pid);
    }

    /** The JVM, if the agent runs or ran there: a detached agent's checkpoints stay readable. */
    TargetJvm withAgent() {
        TargetJvm target = attach();
        try {
            target.requireAgent(false);
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }
}
