package org.breakpilot.checkpoint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.internal.IsoTimestamps;
import org.breakpilot.checkpoint.internal.JsonText;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Commands about the sessions of a JVM where the agent runs, all through its MBeans. */
final class SessionCommands {

    private SessionCommands() {
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Print session summaries as JSON: one session's, or an object of every session's.")
    static final class Summary implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", description = "the JVM's pid")
        private String pid;
        @Option(names = "--session", description = "only this session")
        private String session;

        @Override
        public Integer call() {
            try (TargetJvm target = running(pid)) {
                if (session != null) {
                    spec.commandLine().getOut().println(target.invoke(target.session(session), "summaryJson"));
                    return 0;
                }
                // Laid out as json.dumps(..., indent=2) lays out an object of summaries: each summary's lines
                // (a JSON string never holds a raw line break) one level deeper, below its key.
                StringBuilder all = new StringBuilder("{");
                List<String> sessions = target.sessions();
                for (int i = 0; i < sessions.size(); i++) {
                    String summary = (String) target.invoke(JmxRegistry.sessionName(sessions.get(i)), "summaryJson");
                    all.append(i == 0 ? "\n  " : ",\n  ").append(JsonText.of(sessions.get(i))).append(": ")
                            .append(summary.replace("\n", "\n  "));
                }
                spec.commandLine().getOut().println(all.append(sessions.isEmpty() ? "}" : "\n}"));
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print (or write) a session's checkpoints in the interchange format.")
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", description = "the JVM's pid")
        private String pid;
        @Option(names = "--session", description = "the session (needed when there are several)")
        private String session;
        @Option(names = "--out", description = "write to this file instead of stdout")
        private Path out;

        @Override
        public Integer call() throws IOException {
            try (TargetJvm target = running(pid)) {
                Cli.printOrWrite(spec, (String) target.invoke(target.session(session), "exportJson"), out, "wrote " + out);
                return 0;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import checkpoints (interchange format) into a session; all or nothing.")
    static final class Import implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", description = "the JVM's pid")
        private String pid;
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
            try (TargetJvm target = running(pid)) {
                Object count = target.invoke(target.session(session), "importJson", json);
                spec.commandLine().getOut().println("imported " + count + " checkpoints into " + session);
                return 0;
            }
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Print the data of a checkpoint as JSON, to roll back to; changes nothing. With --rewind,"
                    + " remove every checkpoint after it instead, durably, so the next run repeats those steps.")
    static final class Rollback implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", description = "the JVM's pid")
        private String pid;
        @Parameters(index = "1", description = "the checkpoint id, <session>:<n>")
        private String checkpointId;
        @Option(names = "--rewind", description = "remove the checkpoints after it from the session")
        private boolean rewind;

        @Override
        public Integer call() {
            String session = sessionOf(checkpointId);
            try (TargetJvm target = running(pid)) {
                ObjectName bean = target.session(session);
                if (rewind) {
                    Object removed = target.invoke(bean, "rewindTo", checkpointId);
                    spec.commandLine().getOut().println("rewound session " + session + " to " + checkpointId + ": "
                            + removed + " checkpoints after it removed");
                } else {
                    spec.commandLine().getOut().println(target.invoke(bean, "rollbackTo", checkpointId));
                }
                return 0;
            }
        }
    }

    @Command(name = "fork", mixinStandardHelpOptions = true,
            description = "Start a new session from a session's history up to a checkpoint; the original is kept.")
    static final class Fork implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", description = "the JVM's pid")
        private String pid;
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
            try (TargetJvm target = running(pid)) {
                target.invoke(target.session(session), "fork", checkpointId, newSession);
                spec.commandLine().getOut().println("forked session " + session + " at " + checkpointId + " into "
                        + newSession);
                return 0;
            }
        }
    }

    /** The session of a checkpoint id {@code <session>:<n>}. */
    private static String sessionOf(String checkpointId) {
        int colon = checkpointId.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("checkpoint id must look like <session>:<n>, got "
                    + ErrorValues.quoted(checkpointId));
        }
        return checkpointId.substring(0, colon);
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print checkpoints as they are created, one JSON line each, until Ctrl-C.")
    static final class Tail implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", description = "the JVM's pid")
        private String pid;
        @Option(names = "--count", description = "stop after this many checkpoints (0, the default: until Ctrl-C)")
        private int count;

        @Override
        public Integer call() throws Exception {
            if (count < 0) {
                throw new IllegalArgumentException("--count must be >= 0 (0 follows until Ctrl-C), got " + count);
            }
            try (TargetJvm target = running(pid)) {
                new Follower(target.mbeans(), spec.commandLine().getOut(), count).follow(pid, target,
                        spec.commandLine().getErr());
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
                for (Object checkpoint : (Object[]) mbeans.invoke(session, "since", new Object[] {since},
                        new String[] {String.class.getName()})) {
                    print((CompositeData) checkpoint);
                }
            } catch (IOException | JMException gone) {
                // Unregistered again before we could listen: nothing to follow.
            }
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (notification.getUserData() instanceof CompositeData checkpoint) {
                print(checkpoint);
            }
        }

        private synchronized void print(CompositeData checkpoint) {
            if (done.getCount() == 0 || !printed.add((String) checkpoint.get("id"))) {
                return;
            }
            out.println(line(checkpoint));
            if (count > 0 && printed.size() >= count) {
                done.countDown();
            }
        }

        private static String line(CompositeData checkpoint) {
            return "{\"id\": " + JsonText.of(checkpoint.get("id")) + ", \"name\": " + JsonText.of(checkpoint.get("name"))
                    + ", \"timestamp\": " + JsonText.of(checkpoint.get("timestamp")) + ", \"data\": " + checkpoint.get("data")
                    + ", \"metadata\": " + checkpoint.get("metadata") + "}";
        }
    }

    /** The target, if the agent runs or ran there: a detached agent's checkpoints stay readable. */
    private static TargetJvm running(String pid) {
        TargetJvm target = TargetJvm.attach(pid);
        try {
            target.requireAgent(false);
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }
}
