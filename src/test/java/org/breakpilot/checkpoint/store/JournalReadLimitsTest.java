package org.breakpilot.checkpoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent admitted reads back from its journal. */
class JournalReadLimitsTest {

    @TempDir
    Path dir;

    @Test
    void anImportAsDeepAsTheLimitAllowsReadsBackFromTheJournal() throws IOException {
        // The data object opens at depth 3 of an export; its record in the journal nests one level deeper.
        int arrays = JsonReadLimits.MAX_NESTING_DEPTH - 3;
        String export;
        try (JournalStore store = JournalStore.open(JournalOptions.defaults(dir, RetentionPolicy.DEFAULT))) {
            CheckpointManager manager = new CheckpointManager("job", RetentionPolicy.DEFAULT, store);
            manager.importJson("[{\"id\": \"job:1\", \"name\": \"deep\", \"timestamp\": \"2026-11-25T10:00:00+00:00\","
                    + " \"data\": {\"a\": " + "[".repeat(arrays) + "]".repeat(arrays) + "}}]");
            export = manager.exportJson();
        }

        try (JournalStore store = JournalStore.open(JournalOptions.defaults(dir, RetentionPolicy.DEFAULT))) {
            assertFalse(JournalInspector.read(dir, RetentionPolicy.DEFAULT).damaged());
            assertEquals(export, store.restored().iterator().next().exportJson());
        }
    }
}
