package org.breakpilot.checkpoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent admitted reads back from its journal, whatever the read limits say now. */
class JournalReadLimitsTest {

    @TempDir
    Path dir;

    private JournalOptions options(JsonReadLimits limits) {
        return JournalOptions.builder(dir).fsync(WriteOptions.Fsync.ALWAYS).onFull(WriteOptions.OnFull.BLOCK)
                .queueSize(1024).maxReplaySteps(100).readLimits(limits).build();
    }

    private String reopenedExport(JsonReadLimits limits) throws IOException {
        try (JournalStore store = JournalStore.open(options(limits))) {
            assertFalse(JournalInspector.read(dir, RetentionPolicy.DEFAULT, limits, JournalEncoding.plain()).damaged());
            return store.restored().iterator().next().exportJson();
        }
    }

    @Test
    void anImportAsDeepAsTheLimitAllowsReadsBackFromTheJournal() throws IOException {
        // The data object opens at depth 3 of an export; its record in the journal nests one level deeper.
        int arrays = JsonReadLimits.DEFAULT.maxDepth() - 3;
        String export;
        try (JournalStore store = JournalStore.open(options(JsonReadLimits.DEFAULT))) {
            CheckpointManager manager = new CheckpointManager("job", RetentionPolicy.DEFAULT, store.changeLog());
            manager.importJson("[{\"id\": \"job:1\", \"name\": \"deep\", \"timestamp\": \"2026-11-25T10:00:00+00:00\","
                    + " \"data\": {\"a\": " + "[".repeat(arrays) + "]".repeat(arrays) + "}}]");
            export = manager.exportJson();
        }

        assertEquals(export, reopenedExport(JsonReadLimits.DEFAULT));
    }

    @Test
    void limitsLoweredSinceRecordsWereWrittenStillReadThemBack() throws IOException {
        String export;
        try (JournalStore store = JournalStore.open(options(JsonReadLimits.DEFAULT))) {
            CheckpointManager manager = new CheckpointManager("job", RetentionPolicy.DEFAULT, store.changeLog());
            manager.create("long", Map.of("text", "x".repeat(1000), "nested", Map.of("list", java.util.List.of(1, 2))));
            export = manager.exportJson();
        }

        assertEquals(export, reopenedExport(new JsonReadLimits(2, 10, 100)));
    }
}
