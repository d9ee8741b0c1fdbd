package org.breakpilot.checkpoint.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import org.slf4j.LoggerFactory;

/**
 * The agent's entry point ({@code Premain-Class} and {@code Agent-Class}). It parses the options, and
 * on any problem says so in one line and stays off, so the application always runs. It touches no
 * class that refers to the dispatcher before the dispatcher is in the boot loader.
 */
public final class AgentMain {

    /**
     * A system property of the application's JVM saying what the agent last did (started, attached,
     * detached, or why it is off), for the CLI to read through the Attach API.
     */
    public static final String STATE_PROPERTY = "org.breakpilot.checkpoint.agent.state";
    /** The agent argument that makes {@code agentmain} detach a running agent. */
    public static final String DETACH = "detach";

    private AgentMain() {
    }

    /**
     * Called when the agent is loaded into a running JVM ({@code attach <pid>}); with the argument
     * {@value #DETACH}, detaches it instead.
     */
    public static void agentmain(String agentArguments, Instrumentation instrumentation) {
        if (DETACH.equals(agentArguments)) {
            System.setProperty(STATE_PROPERTY, AgentRuntime.detach());
            return;
        }
        System.setProperty(STATE_PROPERTY, load(agentArguments, instrumentation, true));
    }

    /**
     * Called by the JVM for {@code -javaagent:checkpoint-agent.jar[=options]}.
     *
     * @param agentArguments the options string after {@code =}, or null
     */
    public static void premain(String agentArguments, Instrumentation instrumentation) {
        String state = load(agentArguments, instrumentation, false);
        System.setProperty(STATE_PROPERTY, state);
        if (state.startsWith("off")) {
            System.err.println("checkpoint-agent: " + state.substring("off: ".length()) + "; the agent is off");
        }
    }

    /** Starts the agent; returns its state, {@code "off: <why>"} when it could not. */
    private static String load(String agentArguments, Instrumentation instrumentation, boolean attached) {
        AgentOptions options;
        try {
            options = OptionParser.parse(agentArguments, System.getProperties());
        } catch (IllegalArgumentException e) {
            return "off: " + e.getMessage();
        }
        try {
            configureLogging(options);
            BootstrapInjector.inject(instrumentation);
            return AgentRuntime.start(options, instrumentation, attached);
        } catch (Exception | LinkageError e) {
            return "off: could not start (" + e + ")";
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
