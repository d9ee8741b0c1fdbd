package org.breakpilot.checkpoint.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.breakpilot.checkpoint.CheckpointManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each session's export to a directory, one {@code <encoded session>.json} file per session,
 * owner-only (the directory too, when it makes it).
 */
final class SessionExporter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionExporter.class);

    private SessionExporter() {
    }

    static void exportAll(SessionRegistry sessions, Path directory) {
        try {
            OwnerOnlyFiles.createDirectories(directory);
        } catch (IOException e) {
            LOG.warn("exportOnExit: could not create {}: {}", directory, e.toString());
            return;
        }
        for (CheckpointManager manager : sessions.all()) {
            Path file = directory.resolve(fileName(manager.sessionId()));
            try {
                OwnerOnlyFiles.writeString(file, manager.exportJson());
            } catch (IOException | RuntimeException e) {
                LOG.warn("exportOnExit: could not write {}: {}", file, e.toString());
            }
        }
    }

    /**
     * A file name that stands for exactly one session id: letters, digits, {@code -} and {@code _}
     * stay, every other byte of its UTF-8 form becomes {@code %XX}.
     */
    static String fileName(String sessionId) {
        StringBuilder name = new StringBuilder();
        for (byte b : sessionId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name.append(".json").toString();
    }
}
