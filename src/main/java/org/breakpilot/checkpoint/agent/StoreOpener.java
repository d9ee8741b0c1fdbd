package org.breakpilot.checkpoint.agent;

import java.io.IOException;
import org.breakpilot.checkpoint.store.CheckpointStore;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.JournalStore;
import org.breakpilot.checkpoint.store.MemoryStore;
import org.breakpilot.checkpoint.store.PostgresOptions;

/**
 * Opens the configured store. A journal that cannot be used (another JVM owns it, no permission, not a
 * directory) is one line on stderr, and the agent keeps checkpoints in memory: the application runs.
 */
final class StoreOpener {

    private StoreOpener() {
    }

    /**
     * The journal with {@code options}, or the memory store when they are null or it cannot open. The
     * PostgreSQL store ({@code postgres} not null) is not built yet: one line says so, and the memory
     * store is used.
     */
    static CheckpointStore open(JournalOptions options, PostgresOptions postgres) {
        if (postgres != null) {
            System.err.println("checkpoint-agent: store=postgres is not available in this build yet; this JVM keeps"
                    + " its checkpoints in memory only");
            return new MemoryStore();
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
