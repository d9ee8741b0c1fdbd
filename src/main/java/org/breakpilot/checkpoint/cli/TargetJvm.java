package org.breakpilot.checkpoint.cli;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.agent.AgentState;
import org.breakpilot.checkpoint.jmx.CheckpointManagerMXBean;
import org.breakpilot.checkpoint.jmx.JmxRegistry;

/**
 * A running JVM reached by pid through the Attach API, and its platform MBean server through the
 * local management agent: no port and no flag on the target. Every failure is a {@link CliFailure}
 * that says what to do about it.
 */
final class TargetJvm implements AutoCloseable {

    private static final long PUBLISH_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final String pid;
    private final VirtualMachine vm;
    private JMXConnector connector;

    private TargetJvm(String pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches to {@code pid}. */
    static TargetJvm attach(String pid) {
        long number = parsePid(pid);
        Optional<ProcessHandle> process = ProcessHandle.of(number);
        if (process.isEmpty()) {
            throw new CliFailure("no process with pid " + pid);
        }
        if (!listedByAttachApi(pid) && !process.get().info().command().map(c -> c.endsWith("java")).orElse(true)) {
            // Attaching would wait ten seconds for an answer that never comes.
            throw new CliFailure("process " + pid + " is not a JVM (" + process.get().info().command().orElse("?") + ")");
        }
        try {
            return new TargetJvm(pid, VirtualMachine.attach(pid));
        } catch (AttachNotSupportedException e) {
            throw new CliFailure("cannot attach to " + pid + ": " + e.getMessage() + " (is it a JVM run by the same"
                    + " user, without -XX:+DisableAttachMechanism?)");
        } catch (IOException e) {
            throw new CliFailure("cannot attach to " + pid + ": " + e.getMessage() + " (is it a JVM run by the same"
                    + " user? a JVM started with -XX:+DisableAttachMechanism refuses every attach)");
        }
    }

    private static boolean listedByAttachApi(String pid) {
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (jvm.id().equals(pid)) {
                return true;
            }
        }
        return false;
    }

    static long parsePid(String pid) {
        try {
            long number = Long.parseLong(pid);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        throw new IllegalArgumentException("pid must be a positive whole number, got " + ErrorValues.quoted(pid));
    }

    String pid() {
        return pid;
    }

    /**
     * The agent in a JVM as it publishes itself: its {@link AgentState}'s token and one line about it,
     * both null when the agent was never loaded there.
     */
    record Agent(String token, String detail) {

        /** The state; empty when never loaded, or when the token is one this CLI does not know. */
        Optional<AgentState> state() {
            return AgentState.of(token);
        }

        boolean running() {
            return state().orElse(null) == AgentState.RUNNING;
        }

        /** {@code token: detail} as messages show it; a detach's detail says "detached" itself. */
        String shown() {
            return state().orElse(null) == AgentState.DETACHED ? detail : token + ": " + detail;
        }
    }

    /** The agent in the target. */
    Agent agent() {
        Properties properties = systemProperties();
        return new Agent(properties.getProperty(AgentState.PROPERTY), properties.getProperty(AgentState.DETAIL_PROPERTY));
    }

    /** What the last {@code attach} to a running agent left unapplied (see {@link AgentState#UNAPPLIED_PROPERTY}). */
    String unapplied() {
        return systemProperties().getProperty(AgentState.UNAPPLIED_PROPERTY, "");
    }

    private Properties systemProperties() {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw new CliFailure("cannot read the system properties of " + pid + ": " + e.getMessage());
        }
    }

    /**
     * Fails unless the agent runs, or ran (a detached agent's checkpoints stay readable), saying how
     * to load it.
     */
    void requireAgent(boolean runningNow) {
        Agent agent = agent();
        boolean ok = runningNow ? agent.running()
                : agent.state().isPresent() && agent.state().get() != AgentState.OFF;
        if (!ok) {
            throw new CliFailure("the agent is not " + (runningNow ? "running" : "loaded") + " in " + pid
                    + (agent.token() == null ? "" : " (" + agent.shown() + ")")
                    + "; load it with: java -jar checkpoint-agent.jar attach " + pid);
        }
    }

    /** Loads the agent jar with {@code arguments}; returns the agent as it then reports itself. */
    Agent loadAgent(Path agentJar, String arguments) {
        try {
            vm.loadAgent(agentJar.toString(), arguments);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new CliFailure("the agent could not be loaded into " + pid + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliFailure("the agent could not be loaded into " + pid + ": " + e.getMessage()
                    + " (a JVM started with -XX:-EnableDynamicAgentLoading refuses agents at run time)");
        }
        return agent();
    }

    /** The target's MBean server, starting its local management agent if needed. */
    MBeanServerConnection mbeans() {
        try {
            if (connector == null) {
                connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            }
            return connector.getMBeanServerConnection();
        } catch (IOException e) {
            throw new CliFailure("cannot reach the MBeans of " + pid + ": " + e.getMessage());
        }
    }

    /** The ids of the sessions registered in the target. */
    List<String> sessions() {
        try {
            Set<ObjectName> names = mbeans().queryNames(
                    new ObjectName(JmxRegistry.DOMAIN + ":type=CheckpointManager,*"), null);
            List<String> ids = new ArrayList<>();
            for (ObjectName name : names) {
                ids.add(ObjectName.unquote(name.getKeyProperty("session")));
            }
            ids.sort(null);
            return ids;
        } catch (IOException | JMException e) {
            throw new CliFailure("cannot list the sessions of " + pid + ": " + e.getMessage());
        }
    }

    /** The MBean of {@code session}, or of the only session when it is null. */
    CheckpointManagerMXBean session(String session) {
        if (session != null && !sessions().contains(session)) {
            loadInAgent(session);
        }
        List<String> sessions = sessionsWaitingFor(session);
        if (session == null) {
            if (sessions.size() == 1) {
                return manager(sessions.get(0));
            }
            throw new CliFailure(sessions.isEmpty() ? "no sessions in " + pid + " yet"
                    : "several sessions in " + pid + "; choose one with --session: " + String.join(", ", sessions));
        }
        if (!sessions.contains(session)) {
            throw new CliFailure("no session " + ErrorValues.quoted(session) + " in " + pid
                    + (sessions.isEmpty() ? " (it has none yet)" : " (sessions: " + String.join(", ", sessions) + ")"));
        }
        return manager(session);
    }

    /**
     * Asks the agent to bring {@code session} back into memory, in case it left it after {@code sessionIdleMs};
     * an agent too old to know how, or not published yet, is not asked.
     */
    private void loadInAgent(String session) {
        try {
            mbeans().invoke(new ObjectName(JmxRegistry.AGENT_NAME), "loadSession", new Object[] {session},
                    new String[] {String.class.getName()});
        } catch (IOException | JMException | RuntimeException notAsked) {
            // The session's MBean is then waited for as it is.
        }
    }

    /**
     * The sessions, waiting a little for {@code session} (any, when null): the agent publishes session
     * MBeans off the application's threads, up to about a second after the session's first checkpoint.
     */
    private List<String> sessionsWaitingFor(String session) {
        long deadline = System.nanoTime() + PUBLISH_WAIT_NANOS;
        List<String> sessions = sessions();
        while ((session == null ? sessions.isEmpty() : !sessions.contains(session)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            sessions = sessions();
        }
        return sessions;
    }

    /** The MBean of session {@code sessionId}, whose calls fail as one line (see {@link MBeanProxies}). */
    CheckpointManagerMXBean manager(String sessionId) {
        return MBeanProxies.open(mbeans(), JmxRegistry.sessionName(sessionId), CheckpointManagerMXBean.class, pid);
    }

    @Override
    public void close() {
        try {
            if (connector != null) {
                connector.close();
            }
            vm.detach();
        } catch (IOException ignored) {
            // The target may already be gone; nothing is left to release.
        }
    }
}
