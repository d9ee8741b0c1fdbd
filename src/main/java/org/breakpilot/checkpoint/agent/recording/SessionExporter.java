package org.breakpilot.checkpoint.agent.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.internal.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code exportOnExit} files: each session's export in a directory, one
 * {@code <encoded session>.json} file per session, owner-only (the directory too, when it makes it).
 *
 * <p>The JVM runs shutdown hooks concurrently and in no order, so an application's hook may create
 * checkpoints after {@link #exportAtExit} wrote the files. From then on each session is followed: a
 * checkpoint it creates, and a session made later, rewrite its file (atomically, on the creating thread,
 * one file at a time), so the files hold every checkpoint created before the JVM halts. Thread-safe.
 */
public final class SessionExporter implements Consumer<CheckpointManager> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionExporter.class);

    private final Path directory;
    private final Set<CheckpointManager> followed = ConcurrentHashMap.newKeySet();
    /** One file written at a time, so a rewrite from an older snapshot never lands after a newer one. */
    private final Object writing = new Object();
    private final AtomicBoolean warnedLate = new AtomicBoolean();

    public SessionExporter(Path directory) {
        this.directory = directory;
    }

    /** Writes every session's file, then follows every session, present and future, until the JVM halts. */
    public void exportAtExit(SessionRegistry sessions) {
        try {
            OwnerOnlyFiles.createDirectories(directory);
        } catch (IOException e) {
            LOG.warn("exportOnExit: could not create {}: {}", directory, e.toString());
            return;
        }
        // Told of new sessions before listing the present ones: a session made meanwhile is seen at least once.
        sessions.alsoOnNewSession(this);
        for (CheckpointManager manager : sessions.all()) {
            accept(manager);
        }
    }

    /** Follows {@code manager}: writes its file now and again after each checkpoint it creates. */
    @Override
    public void accept(CheckpointManager manager) {
        if (followed.add(manager)) {
            // Listening before writing: a checkpoint created in between is in this write or causes another.
            manager.onCheckpoint(created -> write(manager, true));
            write(manager, false);
        }
    }

    private void write(CheckpointManager manager, boolean late) {
        Path file = directory.resolve(fileName(manager.sessionId()));
        synchronized (writing) {
            try {
                OwnerOnlyFiles.writeString(file, manager.exportJson());
            } catch (IOException | RuntimeException e) {
                if (!late || warnedLate.compareAndSet(false, true)) {
                    LOG.warn("exportOnExit: could not write {}: {}{}", file, e.toString(),
                            late ? " (rewriting after a checkpoint made during shutdown; logged once)" : "");
                }
            }
        }
    }

    /**
     * A file name that stands for exactly one session id: letters, digits, {@code -} and {@code _}
     * stay, every other byte of its UTF-8 form becomes {@code %XX}.
     */
    public static String fileName(String sessionId) {
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
