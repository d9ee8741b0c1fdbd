package org.breakpilot.checkpoint.agent;

import java.lang.instrument.Instrumentation;
import org.slf4j.LoggerFactory;

/**
 * The agent's entry point ({@code Premain-Class}). It parses the options, and on any problem prints
 * one line on stderr and stays off, so the application always runs. It touches no class that refers
 * to the dispatcher before the dispatcher is on the bootstrap class path.
 */
public final class AgentMain {

    private AgentMain() {
    }

    /**
     * Called by the JVM for {@code -javaagent:checkpoint-agent.jar[=options]}.
     *
     * @param agentArguments the options string after {@code =}, or null
     */
    public static void premain(String agentArguments, Instrumentation instrumentation) {
        AgentOptions options;
        try {
            options = OptionParser.parse(agentArguments, System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("checkpoint-agent: " + e.getMessage() + "; the agent is off");
            return;
        }
        try {
            configureLogging(options);
            BootstrapInjector.inject(instrumentation);
            AgentRuntime.start(options, instrumentation);
        } catch (Exception | LinkageError e) {
            System.err.println("checkpoint-agent: could not start (" + e + "); the agent is off");
        }
    }

    /**
     * Our SLF4J is relocated, so its settings live under the relocated package name and never mix
     * with the application's own SLF4J configuration.
     */
    private static void configureLogging(AgentOptions options) {
        String prefix = LoggerFactory.class.getPackageName() + ".simpleLogger.";
        System.setProperty(prefix + "defaultLogLevel", options.debug() ? "info" : "warn");
        System.setProperty(prefix + "logFile", options.logFile() == null ? "System.err" : options.logFile().toString());
        System.setProperty(prefix + "showDateTime", "true");
        System.setProperty(prefix + "showShortLogName", "true");
    }
}
