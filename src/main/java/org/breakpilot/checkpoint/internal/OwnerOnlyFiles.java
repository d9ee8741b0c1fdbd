package org.breakpilot.checkpoint.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files the agent writes outside its journal (exports, its log) hold the application's arguments and
 * results: like the journal, they are made readable by their owner only, where the file system has
 * POSIX permissions.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Creates {@code directory} (and its parents) owner-only if it does not exist; an existing one is kept. */
    public static void createDirectories(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, attributes(directory.toAbsolutePath().getRoot(), "rwx------"));
        }
    }

    /**
     * Writes {@code text} to {@code file}, owner-only: into a new owner-only file beside it, then moved over
     * it, so that no reader ever sees the text under other permissions or half written.
     */
    public static void writeString(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path written = Files.createTempFile(directory, file.getFileName().toString(), ".tmp",
                attributes(directory, "rw-------"));
        try {
            Files.writeString(written, text, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /**
     * Creates {@code file} empty and owner-only unless it exists: an existing file keeps the permissions
     * its owner gave it.
     */
    public static void createFile(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(file.toAbsolutePath().getParent(), "rw-------"));
        } catch (FileAlreadyExistsException kept) {
            // Appended to as it is.
        }
    }

    private static FileAttribute<?>[] attributes(Path onFileSystemOf, String permissions) {
        return onFileSystemOf.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
