package org.breakpilot.checkpoint.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import org.breakpilot.checkpoint.agent.options.AgentOptions;
import org.breakpilot.checkpoint.agent.options.OptionParser;
import org.breakpilot.checkpoint.internal.OwnerOnlyFiles;
import org.slf4j.LoggerFactory;

/**
 * The agent's entry point ({@code Premain-Class} and {@code Agent-Class}). It parses the options, and
 * on any problem says so in one line and stays off, so the application always runs. It touches no
 * class that refers to the dispatcher before the dispatcher is in the boot loader.
 */
public final class AgentMain {

    /** The agent argument that makes {@code agentmain} detach a running agent. */
    public static final String DETACH = "detach";

    private AgentMain() {
    }

    /**
     * Called when the agent is loaded into a running JVM ({@code attach <pid>}); with the argument
     * {@value #DETACH}, detaches it instead. When an agent already runs, changes nothing and answers in
     * {@link AgentState#UNAPPLIED_PROPERTY}: options cannot change while it runs.
     */
    public static void agentmain(String agentArguments, Instrumentation instrumentation) {
        if (DETACH.equals(agentArguments)) {
            String detached = BootstrapInjector.injected() ? AgentRuntime.detach() : null;
            if (detached != null) {
                AgentState.DETACHED.publish(detached);
            }
            return;
        }
        // AgentRuntime refers to the dispatcher: it may be loaded only once the dispatcher is in the boot loader.
        if (BootstrapInjector.injected() && AgentRuntime.isRunning()) {
            System.setProperty(AgentState.UNAPPLIED_PROPERTY, unapplied(agentArguments));
            return;
        }
        System.clearProperty(AgentState.UNAPPLIED_PROPERTY);
        publish(load(agentArguments, instrumentation, true));
    }

    /** The options asked for that differ from the running agent's, or why they were refused; empty when none differ. */
    private static String unapplied(String agentArguments) {
        try {
            return AgentRuntime.unapplied(OptionParser.parse(agentArguments, System.getProperties()));
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
    }

    /**
     * Called by the JVM for {@code -javaagent:checkpoint-agent.jar[=options]}.
     *
     * @param agentArguments the options string after {@code =}, or null
     */
    public static void premain(String agentArguments, Instrumentation instrumentation) {
        Loaded loaded = load(agentArguments, instrumentation, false);
        publish(loaded);
        if (loaded.offBecause() != null) {
            System.err.println("checkpoint-agent: " + loaded.offBecause() + "; the agent is off");
        }
    }

    /** What a load did: one line about the start, or why the agent is off (then the other is null). */
    private record Loaded(String started, String offBecause) {
    }

    private static void publish(Loaded loaded) {
        if (loaded.offBecause() == null) {
            AgentState.RUNNING.publish(loaded.started());
        } else {
            AgentState.OFF.publish(loaded.offBecause());
        }
    }

    /** Starts the agent. */
    private static Loaded load(String agentArguments, Instrumentation instrumentation, boolean attached) {
        AgentOptions options;
        try {
            options = OptionParser.parse(agentArguments, System.getProperties());
        } catch (IllegalArgumentException e) {
            return new Loaded(null, e.getMessage());
        }
        try {
            configureLogging(options);
            BootstrapInjector.inject(instrumentation);
            return new Loaded(AgentRuntime.start(options, instrumentation, attached), null);
        } catch (Exception | LinkageError e) {
            return new Loaded(null, "could not start (" + e + ")");
        }
    }

    /**
     * Our SLF4J is relocated, so its settings live under the relocated package name and never mix
     * with the application's own SLF4J configuration.
     */
    private static void configureLogging(AgentOptions options) {
        String prefix = LoggerFactory.class.getPackageName() + ".simpleLogger.";
        System.setProperty(prefix + "defaultLogLevel", options.debug() ? "info" : "warn");
        if (options.logFile() != null) {
            try {
                OwnerOnlyFiles.createFile(options.logFile());
            } catch (IOException | RuntimeException e) {
                // The logger opens it next, fails the same way and says so on stderr.
            }
        }
        System.setProperty(prefix + "logFile", options.logFile() == null ? "System.err" : options.logFile().toString());
        System.setProperty(prefix + "showDateTime", "true");
        System.setProperty(prefix + "showShortLogName", "true");
    }
}
