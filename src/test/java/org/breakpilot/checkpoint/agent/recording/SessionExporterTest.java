package org.breakpilot.checkpoint.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionExporterTest {

    @TempDir
    Path directory;

    @Test
    void afterTheExitExportEachLaterCheckpointRewritesItsSessionsFileANewSessionIncluded() throws IOException {
        SessionRegistry sessions = new SessionRegistry(RetentionPolicy.DEFAULT, new MemoryStore(), null, made -> { });
        CheckpointManager early = sessions.manager("early");
        early.create("before", Map.of());

        new SessionExporter(directory).exportAtExit(sessions);
        assertEquals(early.exportJson(), exported("early"));

        early.create("after", Map.of("i", 1));
        CheckpointManager late = sessions.manager("late");
        late.create("after", Map.of());

        assertEquals(2, early.size());
        assertEquals(early.exportJson(), exported("early"));
        assertEquals(late.exportJson(), exported("late"));
    }

    private String exported(String session) throws IOException {
        return Files.readString(directory.resolve(SessionExporter.fileName(session)));
    }

    @Test
    void safeCharactersStayAndEveryOtherByteIsPercentEncoded() {
        assertEquals("order-42_a.json", SessionExporter.fileName("order-42_a"));
        assertEquals("a%2Fb%3A1.json", SessionExporter.fileName("a/b:1"));
        assertEquals("%2E%2E.json", SessionExporter.fileName(".."));
        assertEquals("caf%C3%A9.json", SessionExporter.fileName("caf\u00e9"));
    }

    @Test
    void distinctSessionsNeverShareAFile() {
        assertNotEquals(SessionExporter.fileName("a%2F"), SessionExporter.fileName("a/"));
    }
}
