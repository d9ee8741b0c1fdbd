package org.breakpilot.checkpoint.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.breakpilot.checkpoint.agent.AgentMain;
import org.breakpilot.checkpoint.agent.AgentState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Commands about the agent itself: which JVMs have it, loading it, removing it. */
final class AgentCommands {

    private AgentCommands() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List local JVMs: pid, the state of checkpoint-agent there (no, running, off, detached,"
                    + " unreachable, unknown), main class.")
    static final class ListJvms implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            long self = ProcessHandle.current().pid();
            spec.commandLine().getOut().printf("%-8s %-10s %s%n", "PID", "AGENT", "MAIN");
            for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
                if (jvm.id().equals(String.valueOf(self))) {
                    continue;
                }
                spec.commandLine().getOut().printf("%-8s %-10s %s%n", jvm.id(), agentColumn(jvm.id()),
                        jvm.displayName().isEmpty() ? "(unknown)" : jvm.displayName());
            }
            return 0;
        }

        private static String agentColumn(String pid) {
            TargetJvm.Agent agent;
            try (TargetJvm target = TargetJvm.attach(pid)) {
                agent = target.agent();
            } catch (RuntimeException refused) {
                // Another user's JVM, one started with -XX:+DisableAttachMechanism, or one not answering.
                return "unreachable";
            }
            if (agent.token() == null) {
                return "no";
            }
            // A token this CLI does not know comes from another version of the agent.
            return agent.state().map(AgentState::token).orElse("unknown");
        }
    }

    @Command(name = "attach", mixinStandardHelpOptions = true,
            description = "Load checkpoint-agent into a running JVM; its annotated classes already loaded are"
                    + " instrumented in batches.")
    static final class Attach implements Callable<Integer> {
        @Mixin
        private LiveTarget jvm;
        @Parameters(index = "1", arity = "0..1", description = "agent options, as after -javaagent:...= (key=value,...)")
        private String options = "";

        @Override
        public Integer call() {
            try (TargetJvm target = jvm.attach()) {
                if (target.agent().running()) {
                    return attachAgain(target);
                }
                TargetJvm.Agent agent = target.loadAgent(agentJar(), options);
                if (!agent.running()) {
                    throw new CliFailure("checkpoint-agent did not start in " + jvm.pid() + ": "
                            + (agent.token() == null ? "it reported nothing" : agent.detail()));
                }
                jvm.out().println("checkpoint-agent " + agent.detail() + " in " + jvm.pid());
                return 0;
            }
        }

        /** The agent runs: it compares the options with its own and changes nothing. */
        private int attachAgain(TargetJvm target) {
            target.loadAgent(agentJar(), options);
            String unapplied = target.unapplied();
            if (!unapplied.isEmpty()) {
                throw new CliFailure("the agent is already loaded in " + jvm.pid() + " with other options, which"
                        + " were not applied: " + unapplied + ". To change options, detach first (java -jar"
                        + " checkpoint-agent.jar detach " + jvm.pid() + "), then attach with the new ones");
            }
            jvm.out().println("checkpoint-agent is already attached to " + jvm.pid() + " with these options; nothing"
                    + " to do");
            return 0;
        }
    }

    @Command(name = "detach", mixinStandardHelpOptions = true,
            description = "Stop recording in a JVM and restore the original bytecode of every class the agent"
                    + " changed; recorded checkpoints stay readable over JMX.")
    static final class Detach implements Callable<Integer> {
        @Mixin
        private LiveTarget jvm;

        @Override
        public Integer call() {
            try (TargetJvm target = jvm.attach()) {
                target.requireAgent(true);
                jvm.out().println("checkpoint-agent " + target.loadAgent(agentJar(), AgentMain.DETACH).detail() + " in "
                        + jvm.pid());
                return 0;
            }
        }
    }

    /** The jar this CLI runs from: the same jar is the agent. */
    static Path agentJar() {
        try {
            Path jar = Path.of(AgentCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw new CliFailure("run the CLI from checkpoint-agent.jar (java -jar checkpoint-agent.jar ...),"
                        + " not from " + jar);
            }
            return jar;
        } catch (URISyntaxException e) {
            throw new CliFailure("cannot locate checkpoint-agent.jar: " + e.getMessage());
        }
    }
}
