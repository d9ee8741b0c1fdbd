package org.breakpilot.checkpoint.agent;

import java.io.IOException;
import java.sql.SQLException;
import org.breakpilot.checkpoint.store.CheckpointStore;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.JournalStore;
import org.breakpilot.checkpoint.store.MemoryStore;
import org.breakpilot.checkpoint.store.PostgresOptions;
import org.breakpilot.checkpoint.store.PostgresStore;

/**
 * Opens the configured store. A store that cannot be used (a journal another JVM owns, with no permission
 * or not a directory; a database that cannot be reached, or holds tables of a newer version) is one line on
 * stderr, and the agent keeps checkpoints in memory: the application runs.
 */
final class StoreOpener {

    private StoreOpener() {
    }

    /**
     * The PostgreSQL store when {@code postgres} is not null, else the journal with {@code options}, else
     * (they are null, or the store cannot open) the memory store.
     */
    static CheckpointStore open(JournalOptions options, PostgresOptions postgres) {
        if (postgres != null) {
            try {
                return PostgresStore.open(postgres);
            } catch (SQLException | RuntimeException e) {
                System.err.println("checkpoint-agent: cannot use the checkpoint store " + postgres.jdbcUrl() + ": "
                        + e.getMessage() + "; this JVM keeps its checkpoints in memory only");
                return new MemoryStore();
            }
        }
        if (options == null) {
            return new MemoryStore();
        }
        try {
            return JournalStore.open(options);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io && JournalStore.inUse(io) ? e.getMessage() : "cannot open checkpoint"
                    + " journal " + options.directory().toAbsolutePath() + ": " + e.getMessage();
            System.err.println("checkpoint-agent: " + why + "; this JVM keeps its checkpoints in memory only");
            return new MemoryStore();
        }
    }
}
