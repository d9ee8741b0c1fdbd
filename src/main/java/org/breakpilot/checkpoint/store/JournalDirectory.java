package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of one journal directory: {@code segment-<n>.log} files appended in order, at most one
 * {@code snapshot-<n>.log} that stands for every segment up to n, and {@code journal.lock}, which the
 * owning JVM holds locked and which names its process. Files are created owner-only (0600 in a 0700
 * directory) where the file system has POSIX permissions.
 */
final class JournalDirectory {

    // No lambdas or streams here or in the rest of opening: the agent opens the journal in premain,
    // where the first lambda would start the invokedynamic machinery that every start-up pays for.

    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{20})\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.log");
    private static final String LOCK = "journal.lock";
    private static final String TEMPORARY = ".tmp";

    private final Path path;
    private final boolean posix;
    private final ChannelOpener opener;

    JournalDirectory(Path path) {
        this(path, FileSystemOpener.INSTANCE);
    }

    /** A directory whose segment and snapshot files {@code opener} opens: a full disk can be played in tests. */
    JournalDirectory(Path path, ChannelOpener opener) {
        this.path = path.toAbsolutePath().normalize();
        this.posix = this.path.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.opener = opener;
    }

    Path path() {
        return path;
    }

    /** Creates the directory, owner-only, when it does not exist. */
    void create() throws IOException {
        if (Files.isDirectory(path)) {
            return;
        }
        if (posix) {
            Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(path);
        }
    }

    /**
     * Locks the directory for this JVM and writes this process's id into the lock file.
     *
     * @throws JournalInUseException when another JVM holds it
     */
    Ownership lock() throws IOException {
        Path lockFile = path.resolve(LOCK);
        FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), ownerOnly());
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            String owner = readOwner(channel);
            channel.close();
            throw new JournalInUseException(path, owner);
        }
        byte[] pid = String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        return new Ownership(channel, lock);
    }

    List<Long> segments() throws IOException {
        return numbers(SEGMENT);
    }

    /** The number of the newest snapshot, or -1. */
    long newestSnapshot() throws IOException {
        List<Long> snapshots = numbers(SNAPSHOT);
        return snapshots.isEmpty() ? -1 : snapshots.get(snapshots.size() - 1);
    }

    List<Long> snapshots() throws IOException {
        return numbers(SNAPSHOT);
    }

    Path segment(long number) {
        return path.resolve(String.format("segment-%020d.log", number));
    }

    Path snapshot(long number) {
        return path.resolve(String.format("snapshot-%020d.log", number));
    }

    /** A new, empty journal file with its {@code header}, durable with its directory entry. */
    FileChannel createFile(Path file, byte[] header) throws IOException {
        FileChannel channel = opener.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ), ownerOnly());
        try {
            channel.write(ByteBuffer.wrap(header), 0);
            channel.force(true);
            syncDirectory();
            return channel;
        } catch (IOException | RuntimeException failed) {
            // A full disk creates the file but refuses its header: remove it, or every retry would find it there.
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
    }

    /** A temporary file beside {@code target}, to be moved over it with {@link #publish}. */
    Path temporaryFor(Path target) {
        return target.resolveSibling(target.getFileName() + TEMPORARY);
    }

    /** Renames {@code temporary} to {@code target} atomically and makes the rename durable. */
    void publish(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** Deletes files left by a compaction that did not finish. */
    void deleteTemporaries() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
            for (Path file : files) {
                if (file.getFileName().toString().endsWith(TEMPORARY)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Forces the directory's entries (creations, renames) to disk. */
    void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(path, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException unsupported) {
            // Some file systems cannot open a directory for sync; their renames are as durable as they make them.
            if (Files.isDirectory(path) && posix) {
                throw unsupported;
            }
        }
    }

    /** The attributes of a file only its owner may read, where the file system has POSIX permissions. */
    FileAttribute<?>[] ownerOnly() {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private List<Long> numbers(Pattern pattern) throws IOException {
        List<Long> numbers = new ArrayList<>();
        if (!Files.isDirectory(path)) {
            return numbers;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
            for (Path file : files) {
                Matcher matcher = pattern.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    numbers.add(Long.parseLong(matcher.group(1)));
                }
            }
        }
        numbers.sort(null);
        return numbers;
    }

    private static String readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            String owner = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).strip();
            return owner.isEmpty() ? "unknown" : owner;
        } catch (IOException unreadable) {
            return "unknown";
        }
    }

    /** Opens the channels that segments and snapshots are written through. */
    interface ChannelOpener {
        FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes) throws IOException;
    }

    /** The file system's own channels. A named class: see the note on lambdas above. */
    private static final class FileSystemOpener implements ChannelOpener {
        static final FileSystemOpener INSTANCE = new FileSystemOpener();

        @Override
        public FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
                throws IOException {
            return FileChannel.open(file, options, attributes);
        }
    }

    /** The lock this JVM holds on the directory. */
    record Ownership(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }

    /** Another JVM owns the directory. */
    static final class JournalInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        JournalInUseException(Path directory, String owner) {
            super("checkpoint journal " + directory + " is in use by process " + owner);
        }
    }
}
