package org.breakpilot.checkpoint.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.breakpilot.checkpoint.json.JsonText;
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
                StringBuilder all = new StringBuilder("{");
                List<String> sessions = target.sessions();
                for (int i = 0; i < sessions.size(); i++) {
                    all.append(i == 0 ? "\n" : ",\n").append(JsonText.of(sessions.get(i))).append(": ")
                            .append(target.invoke(JmxRegistry.sessionName(sessions.get(i)), "summaryJson"));
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
                String json = (String) target.invoke(target.session(session), "exportJson");
                if (out == null) {
                    spec.commandLine().getOut().println(json);
                } else {
                    Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
                    spec.commandLine().getOut().println("wrote " + out);
                }
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
            throw new IllegalArgumentException("checkpoint id must look like <session>:<n>, got '" + checkpointId + "'");
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
        @Option(names = "--count", description = "stop after this many checkpoints")
        private int count;

        @Override
        public Integer call() throws Exception {
            try (TargetJvm target = running(pid)) {
                MBeanServerConnection mbeans = target.mbeans();
                CountDownLatch done = new CountDownLatch(1);
                AtomicInteger printed = new AtomicInteger();
                NotificationListener printer = (notification, handback) -> {
                    if (notification.getUserData() instanceof CompositeData checkpoint) {
                        spec.commandLine().getOut().println(line(checkpoint));
                        if (count > 0 && printed.incrementAndGet() >= count) {
                            done.countDown();
                        }
                    }
                };
                for (String session : target.sessions()) {
                    mbeans.addNotificationListener(JmxRegistry.sessionName(session), printer, null, null);
                }
                // Sessions that appear while tailing are followed too.
                mbeans.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME,
                        (notification, handback) -> follow(mbeans, notification, printer), null, null);
                spec.commandLine().getErr().println("tailing " + pid + " (" + target.sessions().size()
                        + " sessions, new ones followed); Ctrl-C to stop");
                done.await();
                return 0;
            }
        }

        private static void follow(MBeanServerConnection mbeans, Notification notification, NotificationListener printer) {
            if (notification instanceof MBeanServerNotification registration
                    && MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(registration.getType())
                    && "CheckpointManager".equals(registration.getMBeanName().getKeyProperty("type"))) {
                try {
                    mbeans.addNotificationListener(registration.getMBeanName(), printer, null, null);
                } catch (InstanceNotFoundException | IOException gone) {
                    // Unregistered again before we could listen: nothing to follow.
                }
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
