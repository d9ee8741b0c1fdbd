package org.breakpilot.checkpoint.agent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.management.JMException;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.agent.options.AgentOptions;
import org.breakpilot.checkpoint.agent.recording.SessionRegistry;
import org.breakpilot.checkpoint.jmx.AgentMXBean;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.breakpilot.checkpoint.jmx.SessionForker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the agent and its sessions on the platform MBean server from one daemon thread, so that
 * neither premain nor the application's first recorded call waits for the MBean server to start.
 */
final class AgentJmx implements Consumer<CheckpointManager>, SessionForker {

    /** Made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(AgentJmx.class);
    }
    /** Long enough for a short-lived program to finish without ever starting JMX. */
    private static final long AGENT_MBEAN_DELAY_MILLIS = 1_000;

    private final AgentOptions options;
    private final ThreadPoolExecutor publisher;
    private JmxRegistry registry;
    // Set once the registry exists; it publishes its restored sessions while it is being made.
    private volatile SessionRegistry sessions;

    AgentJmx(AgentOptions options) {
        this.options = options;
        this.publisher = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                new PublisherThreads(), new ThreadPoolExecutor.DiscardPolicy());
        // Beyond 10 000 sessions waiting to be published, new ones are left out of JMX, never blocked on.
        publisher.allowCoreThreadTimeOut(true);
    }

    /** The sessions that forks over JMX go to. */
    void forkInto(SessionRegistry registry) {
        this.sessions = registry;
    }

    @Override
    public void fork(String session, String checkpointId, String newSession) {
        SessionRegistry registry = sessions;
        if (registry == null) {
            throw new IllegalStateException("the agent is still starting; try again");
        }
        registry.fork(session, checkpointId, newSession);
    }

    /** Registers the agent's MBean after a short delay, off the application's threads. */
    void publishAgent(AgentMXBean agent) {
        publisher.execute(new PublishAgent(this, agent));
    }

    /** Registers a new session's MBean, off the application's thread. */
    @Override
    public void accept(CheckpointManager manager) {
        publisher.execute(new PublishSession(this, manager));
    }

    /** Unregisters the MBean of a session that left memory (it was idle), off the thread that unloaded it. */
    void unloaded(CheckpointManager manager) {
        publisher.execute(new UnpublishSession(this, manager));
    }

    /** Only the publisher thread calls this. */
    private JmxRegistry registry() {
        if (registry == null) {
            registry = new JmxRegistry(options.jmxMaxSessions(), options.jmxReadOnly(), options.readLimits(), this);
        }
        return registry;
    }

    private record PublishAgent(AgentJmx jmx, AgentMXBean agent) implements Runnable {
        @Override
        public void run() {
            try {
                Thread.sleep(AGENT_MBEAN_DELAY_MILLIS);
                jmx.registry().registerAgent(agent);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (JMException | RuntimeException e) {
                Log.LOG.warn("Could not register the agent's MBean: {}", e.toString());
            }
        }
    }

    private record PublishSession(AgentJmx jmx, CheckpointManager manager) implements Runnable {
        @Override
        public void run() {
            try {
                jmx.registry().register(manager);
            } catch (JMException | RuntimeException e) {
                Log.LOG.warn("Could not register the MBean of session {}: {}", manager.sessionId(), e.toString());
            }
        }
    }

    private record UnpublishSession(AgentJmx jmx, CheckpointManager manager) implements Runnable {
        @Override
        public void run() {
            try {
                jmx.registry().unregister(manager);
            } catch (JMException | RuntimeException e) {
                Log.LOG.warn("Could not unregister the MBean of session {}: {}", manager.sessionId(), e.toString());
            }
        }
    }

    private static final class PublisherThreads implements ThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "checkpoint-agent-jmx");
            thread.setDaemon(true);
            return thread;
        }
    }
}
