package org.breakpilot.checkpoint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.breakpilot.checkpoint.internal.CheckpointIds;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.internal.IsoTimestamps;
import org.breakpilot.checkpoint.jmx.CheckpointData;
import org.breakpilot.checkpoint.jmx.CheckpointManagerMXBean;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands about the sessions of a JVM where the agent runs, all through its MBeans. */
final class SessionCommands {

    private SessionCommands() {
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Print session summaries as JSON: one session's, or an object of every session's.")
    static final class Summary implements Callable<Integer> {
        @Mixin
        private LiveTarget jvm;
        @Option(names = "--session", description = "only this session")
        private String session;

        @Override
        public Integer call() {
            try (TargetJvm target = jvm.withAgent()) {
                if (session != null) {
                    jvm.out().println(target.session(session).summaryJson());
                    return 0;
                }
                // Laid out as json.dumps(..., indent=2) lays out an object of summaries.
                Map<String, String> summaries = new LinkedHashMap<>();
                for (String each : target.sessions()) {
                    summaries.put(each, target.manager(each).summaryJson());
                }
                jvm.out().println(OutputJson.indentedObject(summaries));
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print (or write) a session's checkpoints in the interchange format.")
    static final class Export implements Callable<Integer> {
        @Mixin
        private LiveTarget jvm;
        @Option(names = "--session", description = "the session (needed when there are several)")
        private String session;
        @Option(names = "--out", description = "write to this file instead of stdout")
        private Path out;

        @Override
        public Integer call() throws IOException {
            try (TargetJvm target = jvm.withAgent()) {
                Cli.printOrWrite(jvm.out(), target.session(session).exportJson(), out, "wrote " + out);
                return 0;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import checkpoints (interchange format) into a session; all or nothing.")
    static final class Import implements Callable<Integer> {
        @Mixin
        private LiveTarget jvm;
        @Option(names = "--session", required = true, description = "the session to import into")
        private String session;
        @Option(names = "--file", required = true, description = "the export to import")
        private Path file;

        @Override
        public Integer call() {
            String json;
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure("cannot read " + file + ": " + e.getMessage());
            }
            try (TargetJvm target = jvm.withAgent()) {
                int count = target.session(session).importJson(json);
                jvm.out().println("imported " + count + " checkpoints into " + session);
                return 0;
            }
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Print the data of a checkpoint as JSON, to roll back to; changes nothing. With --rewind,"
                    + " remove every checkpoint after it instead, durably, so the next run repeats those steps.")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        private LiveTarget jvm;
        @Parameters(index = "1", description = "the checkpoint id, <session>:<n>")
        private String checkpointId;
        @Option(names = "--rewind", description = "remove the checkpoints after it from the session")
        private boolean rewind;

        @Override
        public Integer call() {
            String session = sessionOf(checkpointId);
            try (TargetJvm target = jvm.withAgent()) {
                CheckpointManagerMXBean manager = target.session(session);
                jvm.out().println(rewind ? "rewound session " + session + " to " + checkpointId + ": "
                        + manager.rewindTo(checkpointId) + " checkpoints after it removed"
                        : manager.rollbackTo(checkpointId));
                return 0;
            }
        }
    }

    @Command(name = "fork", mixinStandardHelpOptions = true,
            description = "Start a new session from a session's history up to a checkpoint; the original is kept.")
    static final class Fork implements Callable<Integer> {
        @Mixin
        private LiveTarget jvm;
        @Parameters(index = "1", description = "the checkpoint id, <session>:<n>, to fork at (it is included)")
        private String checkpointId;
        @Option(names = "--as", required = true, description = "the new session's id")
        private String newSession;

        @Override
        public Integer call() {
            String session = sessionOf(checkpointId);
            if (newSession.isBlank()) {
                throw new IllegalArgumentException("--as needs a session id, got an empty one");
            }
            try (TargetJvm target = jvm.withAgent()) {
                target.session(session).fork(checkpointId, newSession);
                jvm.out().println("forked session " + session + " at " + checkpointId + " into " + newSession);
                return 0;
            }
        }
    }

    /** The session of a checkpoint id {@code <session>:<n>}; a usage error for an id of another form. */
    private static String sessionOf(String checkpointId) {
        return CheckpointIds.sessionOf(checkpointId).orElseThrow(() -> new IllegalArgumentException(
                "checkpoint id must look like <session>:<n>, got " + ErrorValues.quoted(checkpointId)));
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print checkpoints as they are created, one JSON line each, until Ctrl-C.")
    static final class Tail implements Callable<Integer> {
        @Mixin
        private LiveTarget jvm;
        @Option(names = "--count", description = "stop after this many checkpoints (0, the default: until Ctrl-C)")
        private int count;

        @Override
        public Integer call() throws Exception {
            if (count < 0) {
                throw new IllegalArgumentException("--count must be >= 0 (0 follows until Ctrl-C), got " + count);
            }
            try (TargetJvm target = jvm.withAgent()) {
                new Follower(target.mbeans(), jvm.out(), count).follow(jvm.pid(), target, jvm.err());
                return 0;
            }
        }
    }

    /**
     * Prints each checkpoint once, from notifications and, for every session it starts following, from
     * a look-up of what the session recorded since tailing began: a new session's MBean is published up
     * to a second after its first checkpoint, and those checkpoints must not be missed.
     */
    private static final class Follower implements NotificationListener {
        private final MBeanServerConnection mbeans;
        private final PrintWriter out;
        private final int count;
        private final String since = IsoTimestamps.format(Instant.now());
        private final Set<String> followed = ConcurrentHashMap.newKeySet();
        private final Set<String> printed = ConcurrentHashMap.newKeySet();
        private final CountDownLatch done = new CountDownLatch(1);

        Follower(MBeanServerConnection mbeans, PrintWriter out, int count) {
            this.mbeans = mbeans;
            this.out = out;
            this.count = count;
        }

        void follow(String pid, TargetJvm target, PrintWriter err) throws Exception {
            // New sessions first, then those already there: a session registered in between is not lost.
            mbeans.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, (notification, handback) -> {
                if (notification instanceof MBeanServerNotification registration
                        && MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(registration.getType())
                        && "CheckpointManager".equals(registration.getMBeanName().getKeyProperty("type"))) {
                    subscribe(registration.getMBeanName());
                }
            }, null, null);
            for (String session : target.sessions()) {
                subscribe(JmxRegistry.sessionName(session));
            }
            err.println("tailing " + pid + " (" + followed.size() + " sessions, new ones followed); Ctrl-C to stop");
            done.await();
        }

        private void subscribe(ObjectName session) {
            if (!followed.add(session.getKeyProperty("session"))) {
                return;
            }
            try {
                mbeans.addNotificationListener(session, this, null, null);
                for (CheckpointData checkpoint : JMX.newMXBeanProxy(mbeans, session, CheckpointManagerMXBean.class)
                        .since(since)) {
                    print(checkpoint);
                }
            } catch (IOException | JMException | UndeclaredThrowableException gone) {
                // Unregistered again before we could listen or look (the proxy wraps what invoke threw).
            }
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (notification.getUserData() instanceof CompositeData checkpoint) {
                print(new CheckpointData((String) checkpoint.get("id"), (String) checkpoint.get("name"),
                        (String) checkpoint.get("timestamp"), (String) checkpoint.get("data"),
                        (String) checkpoint.get("metadata")));
            }
        }

        private synchronized void print(CheckpointData checkpoint) {
            if (done.getCount() == 0 || !printed.add(checkpoint.getId())) {
                return;
            }
            out.println(OutputJson.line(checkpoint));
            if (count > 0 && printed.size() >= count) {
                done.countDown();
            }
        }
    }
}
