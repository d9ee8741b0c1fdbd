package org.breakpilot.checkpoint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.DatabasePassword;
import org.breakpilot.checkpoint.store.JournalEncoding;
import org.breakpilot.checkpoint.store.JournalInspector;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.store.JournalStore;
import org.breakpilot.checkpoint.store.PostgresInspector;
import org.breakpilot.checkpoint.store.PostgresOptions;
import org.breakpilot.checkpoint.store.PostgresStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code journal <ls|export|rewind|verify> --dir D | --jdbc-url URL}: the operator's tools for a journal
 * whose application is down, or for a PostgreSQL store, whose sessions may belong to JVMs still running.
 * They read without repairing; only {@code rewind} writes, and only when no JVM owns the journal or holds
 * the session's lease.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Work on a checkpoint journal with no JVM running, or on a PostgreSQL store: ls, export, rewind,"
                + " verify.",
        subcommands = {JournalCommand.Ls.class, JournalCommand.Export.class, JournalCommand.Rewind.class,
            JournalCommand.Verify.class})
final class JournalCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a journal command is required"
                + " (ls, export, rewind, verify)");
    }

    /**
     * Where the journal is, and the retention and JSON read limits its application runs with: restoring
     * applies the retention, and records are read as the agent reads them, so that the tools show what
     * the application would restore. Also the command's output streams.
     */
    static class Location {
        @Spec(Spec.Target.MIXEE)
        private CommandSpec command;
        @Option(names = "--dir", description = "the journal directory (the agent's dir option)")
        Path dir;
        @Option(names = "--jdbc-url", description = "a PostgreSQL store instead of a journal: jdbc:postgresql://host:port/db"
                + " (the agent's jdbcUrl)")
        String jdbcUrl;
        @Option(names = "--jdbc-user", description = "the database user (the agent's jdbcUser)")
        String jdbcUser;
        @Option(names = "--jdbc-password-env", description = "the environment variable holding the password")
        String jdbcPasswordEnv;
        @Option(names = "--jdbc-password-file", description = "the file holding the password")
        Path jdbcPasswordFile;
        @Option(names = "--jdbc-schema", description = "the store's schema (default: ${DEFAULT-VALUE})")
        String jdbcSchema = PostgresOptions.DEFAULT_SCHEMA;
        @Option(names = "--max-checkpoints", description = "the application's maxCheckpoints (default: ${DEFAULT-VALUE})")
        int maxCheckpoints = RetentionPolicy.DEFAULT.maxCheckpoints();
        @Option(names = "--compress-after", description = "the application's compressAfter (default: ${DEFAULT-VALUE})")
        int compressAfter = RetentionPolicy.DEFAULT.compressAfter();
        @Option(names = "--keep-recent", description = "the application's keepRecent (default: ${DEFAULT-VALUE})")
        int keepRecent = RetentionPolicy.DEFAULT.keepRecent();
        @Option(names = "--key-file", description = "the file holding the key of an encrypted journal (the agent's"
                + " encryptionKeyFile)")
        Path keyFile;
        @Option(names = "--key-env", description = "the environment variable holding the key of an encrypted journal"
                + " (the agent's encryptionKeyEnv)")
        String keyVariable;
        @Option(names = "--json-max-depth", description = "the application's jsonMaxDepth (default: ${DEFAULT-VALUE})")
        int jsonMaxDepth = JsonReadLimits.DEFAULT.maxDepth();
        @Option(names = "--json-max-string-length",
                description = "the application's jsonMaxStringLength (default: ${DEFAULT-VALUE})")
        int jsonMaxStringLength = JsonReadLimits.DEFAULT.maxStringLength();
        @Option(names = "--json-max-document-length",
                description = "the application's jsonMaxDocumentLength (default: ${DEFAULT-VALUE})")
        long jsonMaxDocumentLength = JsonReadLimits.DEFAULT.maxDocumentLength();

        RetentionPolicy retention() {
            return new RetentionPolicy(maxCheckpoints, compressAfter, keepRecent);
        }

        JsonReadLimits readLimits() {
            return new JsonReadLimits(jsonMaxDepth, jsonMaxStringLength, jsonMaxDocumentLength);
        }

        JournalEncoding encoding() {
            if (keyFile != null && keyVariable != null) {
                throw new IllegalArgumentException("--key-file and --key-env were both given; give one");
            }
            return JournalEncoding.fromKey(keyFile, "--key-file", keyVariable, "--key-env");
        }

        /**
         * Whether the store is PostgreSQL ({@code --jdbc-url}) rather than a journal ({@code --dir}).
         *
         * @throws IllegalArgumentException unless exactly one of them was given
         */
        boolean postgres() {
            if ((dir == null) == (jdbcUrl == null)) {
                throw new IllegalArgumentException(dir == null ? "give --dir D (a journal) or --jdbc-url URL (a PostgreSQL"
                        + " store)" : "--dir and --jdbc-url were both given; give one");
            }
            if (jdbcUrl == null && (jdbcUser != null || jdbcPasswordEnv != null || jdbcPasswordFile != null)) {
                throw new IllegalArgumentException("--jdbc-user and --jdbc-password-* go with --jdbc-url, not --dir");
            }
            return jdbcUrl != null;
        }

        /** The store's options, writing as an operator's change must: acknowledged once committed, never dropped. */
        PostgresOptions postgresOptions() {
            if (jdbcUser == null) {
                throw new IllegalArgumentException("--jdbc-url needs --jdbc-user");
            }
            if ((jdbcPasswordEnv == null) == (jdbcPasswordFile == null)) {
                throw new IllegalArgumentException("--jdbc-url needs exactly one of --jdbc-password-env VAR and"
                        + " --jdbc-password-file F");
            }
            WriteOptions writing = new WriteOptions(WriteOptions.Fsync.ALWAYS, 50, WriteOptions.OnFull.BLOCK, 1024,
                    10_000, retention(), Integer.MAX_VALUE, readLimits(), encoding());
            return new PostgresOptions(jdbcUrl, jdbcUser, new DatabasePassword(jdbcPasswordEnv, jdbcPasswordFile),
                    jdbcSchema, PostgresOptions.DEFAULT_LEASE_TTL_MS, 0, writing);
        }

        JournalInspector read() throws IOException {
            return JournalInspector.read(dir, retention(), readLimits(), encoding());
        }

        PostgresInspector inspect() throws SQLException {
            return PostgresInspector.open(postgresOptions());
        }

        PrintWriter out() {
            return command.commandLine().getOut();
        }

        PrintWriter err() {
            return command.commandLine().getErr();
        }

    }

    /** One session of the journal, named by {@code --session}: what {@code export} and {@code rewind} work on. */
    static final class OneSession extends Location {
        @Option(names = "--session", required = true, description = "the session to ${COMMAND-NAME}")
        String session;

        /** The session as the journal or store holds it; a usage error when it holds none. */
        CheckpointManager restored() throws IOException, SQLException {
            if (!postgres()) {
                return read().session(session).orElseThrow(() -> new IllegalArgumentException("no session "
                        + ErrorValues.quoted(session) + " in journal " + dir + " (see: journal ls --dir " + dir + ")"));
            }
            try (PostgresInspector store = inspect()) {
                return store.session(session).orElseThrow(() -> new IllegalArgumentException("no session "
                        + ErrorValues.quoted(session) + " in " + store.describe() + " (see: journal ls --jdbc-url ...)"));
            }
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the journal's sessions.")
    static final class Ls implements Callable<Integer> {
        @Mixin
        private Location location;

        @Override
        public Integer call() throws IOException, SQLException {
            PrintWriter out = location.out();
            if (location.postgres()) {
                try (PostgresInspector store = location.inspect()) {
                    out.printf("%-40s %-32s %-16s %8s %8s  %s%n", "SESSION", "OWNER", "LEASE", "LAST-ID", "RECORDS",
                            "LAST-WRITE");
                    for (PostgresInspector.SessionInfo session : store.sessions()) {
                        out.printf("%-40s %-32s %-16s %8d %8d  %s%n", session.id(), session.ownerHost() + " pid "
                                + session.ownerPid(), session.leaseLeftMs() > 0 ? "live, " + session.leaseLeftMs()
                                + " ms" : "ended", session.lastIdNumber(), session.records(), session.lastWrite());
                    }
                }
                return 0;
            }
            JournalInspector journal = location.read();
            out.printf("%-40s %9s %8s %7s %9s%n", "SESSION", "RETAINED", "LAST-ID", "REPLAY", "STATE");
            for (JournalInspector.SessionInfo session : journal.sessions()) {
                out.printf("%-40s %9d %8d %7d %9s%n", session.id(), session.retained(), session.lastIdNumber(),
                        session.replayResults(), session.completed() ? "completed" : "open");
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print a session's checkpoints in the interchange format, or write them to a file.")
    static final class Export implements Callable<Integer> {
        @Mixin
        private OneSession location;
        @Option(names = "--out", description = "write to this file instead of standard output")
        private Path out;

        @Override
        public Integer call() throws IOException, SQLException {
            CheckpointManager manager = location.restored();
            Cli.printOrWrite(location.out(), manager.exportJson(), out, "exported " + manager.size() + " checkpoints of "
                    + location.session + " to " + out);
            return 0;
        }
    }

    @Command(name = "rewind", mixinStandardHelpOptions = true,
            description = "Remove every checkpoint after one from a session, so its next run repeats those steps.")
    static final class Rewind implements Callable<Integer> {
        @Mixin
        private OneSession location;
        @Option(names = "--to", required = true, description = "the checkpoint id to keep as the newest")
        private String checkpointId;

        @Override
        public Integer call() throws IOException, SQLException {
            String session = location.session;
            // Checked before the store is opened for writing: a wrong name leaves even its lock file as it was.
            if (location.restored().get(checkpointId).isEmpty()) {
                throw new IllegalArgumentException("no checkpoint " + ErrorValues.quoted(checkpointId)
                        + " is retained in session " + ErrorValues.quoted(session));
            }
            if (location.postgres()) {
                return rewindInPostgres(session);
            }
            // Acknowledged only once on disk, never dropped, and every replay result of the session kept.
            JournalOptions options = JournalOptions.builder(location.dir).fsync(WriteOptions.Fsync.ALWAYS)
                    .onFull(WriteOptions.OnFull.BLOCK).queueSize(1024).writeTimeoutMs(10_000)
                    .retention(location.retention()).maxReplaySteps(Integer.MAX_VALUE)
                    .readLimits(location.readLimits()).encoding(location.encoding()).build();
            JournalStore store;
            try {
                store = JournalStore.open(options);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage() + (JournalStore.inUse(e)
                        ? "; while it runs, use: rollback <pid> " + checkpointId + " --rewind" : ""), e);
            }
            try (store) {
                CheckpointManager manager = store.restored().stream().filter(m -> m.sessionId().equals(session))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("no session "
                                + ErrorValues.quoted(session) + " in journal " + location.dir));
                int removed = manager.rewindTo(checkpointId);
                location.out().println("rewound session " + session + " to " + checkpointId + ": "
                        + removed + " checkpoints after it removed");
            }
            return 0;
        }

        /** Takes the session's lease (refused while another JVM holds it), rewinds, commits, and gives the lease up. */
        private int rewindInPostgres(String session) throws SQLException {
            try (PostgresStore store = PostgresStore.open(location.postgresOptions())) {
                Optional<CheckpointManager> leased = store.lease(session, location.retention());
                if (leased.isEmpty()) {
                    throw new IllegalStateException("session " + ErrorValues.quoted(session) + " is leased by "
                            + store.holder(session).orElse("another JVM") + "; while it runs, use: rollback <pid> "
                            + checkpointId + " --rewind");
                }
                int removed = leased.get().rewindTo(checkpointId);
                location.out().println("rewound session " + session + " to " + checkpointId + ": "
                        + removed + " checkpoints after it removed");
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every record's CRC32C and report, per file; exit 1 when a record is damaged.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        private Location location;

        @Override
        public Integer call() throws IOException, SQLException {
            PrintWriter out = location.out();
            if (location.postgres()) {
                try (PostgresInspector store = location.inspect()) {
                    PostgresInspector.Verification verification = store.verify();
                    verification.problems().forEach(out::println);
                    out.println(verification.records() + " records in " + verification.sessions() + " sessions: "
                            + (verification.problems().isEmpty() ? "ok" : "DAMAGED (see above)"));
                    if (!verification.problems().isEmpty()) {
                        location.err().println("checkpoint-agent: " + store.describe() + " has records that cannot be"
                                + " read (see above)");
                        return Cli.FAILURE;
                    }
                }
                return 0;
            }
            JournalInspector journal = location.read();
            journal.fileReports().forEach(out::println);
            out.println(journal.records() + " records in " + journal.sessions().size() + " sessions: "
                    + (journal.damaged() ? "DAMAGED (the records named above are skipped when the journal is opened)"
                    : journal.tornTail() ? "ok (an unfinished last write is truncated when the journal is next opened)"
                    : "ok"));
            if (journal.damaged()) {
                location.err().println("checkpoint-agent: journal " + location.dir
                        + " has damaged records (see above)");
                return Cli.FAILURE;
            }
            return 0;
        }
    }
}
