package org.breakpilot.checkpoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalEncryptionTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];
    // Nothing evicted or compressed: retention is not what this test is about.
    private static final RetentionPolicy KEEP_ALL = new RetentionPolicy(1000, 1000, 20);
    private static final String SECRET = "the-plaintext-no-one-may-read-7f3a";

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) (i * 7 + 1);
            OTHER_KEY[i] = (byte) (i * 11 + 3);
        }
    }

    @TempDir
    Path dir;

    private JournalOptions options(JournalEncoding encoding, long segmentBytes) {
        return JournalOptions.builder(dir).fsync(WriteOptions.Fsync.ALWAYS).onFull(WriteOptions.OnFull.BLOCK)
                .segmentBytes(segmentBytes).retention(KEEP_ALL).encoding(encoding).build();
    }

    private static JournalEncoding aes(byte[] key) {
        return JournalEncoding.aesGcm(key.clone(), "test key");
    }

    private static CheckpointManager session(JournalStore store, String id) {
        return store.restored().stream().filter(m -> m.sessionId().equals(id)).findFirst()
                .orElseGet(() -> new CheckpointManager(id, store.options().retention(), store.changeLog()));
    }

    private List<Checkpoint> writeTwoSessions(JournalEncoding encoding, long segmentBytes) throws IOException {
        List<Checkpoint> created = new ArrayList<>();
        try (JournalStore store = JournalStore.open(options(encoding, segmentBytes))) {
            CheckpointManager alpha = session(store, "alpha");
            CheckpointManager beta = session(store, "beta");
            for (CheckpointManager manager : List.of(alpha, beta)) {
                for (int i = 0; i < 20; i++) {
                    created.add(manager.create("step", Map.of("i", i, "payload", SECRET)));
                }
            }
            alpha.rewindTo("alpha:15");
        }
        return created;
    }

    private List<byte[]> journalFiles() throws IOException {
        List<byte[]> contents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                contents.add(Files.readAllBytes(file));
            }
        }
        return contents;
    }

    /** Compacts as the background compactor would, but now: the store is closed. */
    private void compactEverySegment(JournalOptions options) throws IOException {
        JournalDirectory journal = new JournalDirectory(dir);
        List<Long> segments = journal.segments();
        Compactor.compact(journal, options, segments.get(segments.size() - 1));
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
    }

    @Test
    void anEncryptedJournalRestoresEverySessionWithItsKey() throws IOException {
        List<Checkpoint> created = writeTwoSessions(aes(KEY), 16L * 1024 * 1024);

        try (JournalStore store = JournalStore.open(options(aes(KEY), 16L * 1024 * 1024))) {
            CheckpointManager alpha = session(store, "alpha");
            assertEquals(created.subList(0, 15), alpha.getAll());
            assertEquals(created.subList(20, 40), session(store, "beta").getAll());
            assertEquals("alpha:21", alpha.create("step", Map.of()).id());
        }
    }

    @Test
    void noFileOfAnEncryptedJournalHoldsTheValuesInTheClear() throws IOException {
        writeTwoSessions(aes(KEY), 4096);
        compactEverySegment(options(aes(KEY), 4096));

        List<byte[]> files = journalFiles();
        assertTrue(files.size() >= 1);
        for (byte[] file : files) {
            String text = new String(file, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(SECRET), "a value in the clear");
            assertFalse(text.contains("\"payload\""), "a key in the clear");
            assertTrue(text.startsWith("CKPTJNE1"), "not marked encrypted");
        }
        // The positive control: the same run without a key does write the value where this test looks.
        Path plainDir = Files.createTempDirectory(dir.getParent(), "plain");
        try (JournalStore store = JournalStore.open(JournalOptions.builder(plainDir)
                .fsync(WriteOptions.Fsync.ALWAYS).onFull(WriteOptions.OnFull.BLOCK).segmentBytes(4096)
                .retention(KEEP_ALL).build())) {
            session(store, "alpha").create("step", Map.of("payload", SECRET));
        }
        try (Stream<Path> plainFiles = Files.list(plainDir)) {
            assertTrue(plainFiles.anyMatch(file -> contains(file, SECRET)));
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void compactionWritesAnEncryptedSnapshotThatRestores() throws IOException {
        List<Checkpoint> created = writeTwoSessions(aes(KEY), 4096);
        compactEverySegment(options(aes(KEY), 4096));
        assertTrue(new JournalDirectory(dir).newestSnapshot() >= 0);

        try (JournalStore store = JournalStore.open(options(aes(KEY), 4096))) {
            assertEquals(created.subList(0, 15), session(store, "alpha").getAll());
            assertEquals(created.subList(20, 40), session(store, "beta").getAll());
        }
    }

    @Test
    void anEncryptedJournalIsRefusedWithoutItsKeyNamingTheFile() throws IOException {
        writeTwoSessions(aes(KEY), 16L * 1024 * 1024);
        Path segment = onlySegment();

        IOException plain = assertThrows(IOException.class, () -> JournalStore.open(options(JournalEncoding.plain(),
                16L * 1024 * 1024)));
        assertEquals(segment + " is encrypted; give its key (agent option encryptionKeyFile= or encryptionKeyEnv=,"
                + " CLI --key-file or --key-env)", plain.getMessage());
        IOException offline = assertThrows(IOException.class, () -> JournalInspector.read(dir, KEEP_ALL));
        assertEquals(plain.getMessage(), offline.getMessage());
        IOException otherKey = assertThrows(IOException.class, () -> JournalStore.open(options(aes(OTHER_KEY),
                16L * 1024 * 1024)));
        assertEquals(segment + " is encrypted with another key than the one from test key", otherKey.getMessage());
        // Refusing changed nothing: the right key still reads every record.
        assertEquals(41, JournalInspector.read(dir, KEEP_ALL, JsonReadLimits.DEFAULT, aes(KEY)).records());
    }

    @Test
    void aPlaintextJournalIsRefusedWhenOpenedWithAKey() throws IOException {
        writeTwoSessions(JournalEncoding.plain(), 16L * 1024 * 1024);

        IOException refused = assertThrows(IOException.class, () -> JournalStore.open(options(aes(KEY),
                16L * 1024 * 1024)));
        assertTrue(refused.getMessage().startsWith(onlySegment() + " is not encrypted, but the journal is opened"
                + " with a key"), refused.getMessage());
    }

    @Test
    void aRecordMovedToAnotherSessionFailsToDecryptAndIsNotRead() throws IOException {
        try (JournalStore store = JournalStore.open(options(aes(KEY), 16L * 1024 * 1024))) {
            session(store, "alice").create("step", Map.of("order", 1));
            session(store, "bobby").create("step", Map.of("order", 2));
        }
        Path segment = onlySegment();
        byte[] bytes = Files.readAllBytes(segment);
        // Readdress alice's record (its session name in the clear) to bobby, with a CRC that fits again.
        int frame = 24;
        int length = ByteBuffer.wrap(bytes, frame, 4).getInt();
        byte[] payload = java.util.Arrays.copyOfRange(bytes, frame + 8, frame + 8 + length);
        String clear = new String(payload, StandardCharsets.ISO_8859_1);
        int at = clear.indexOf("alice");
        System.arraycopy("bobby".getBytes(StandardCharsets.US_ASCII), 0, payload, at, 5);
        ByteBuffer reframed = ByteBuffer.allocate(8 + length);
        SegmentFormat.frame(payload, reframed);
        System.arraycopy(reframed.array(), 0, bytes, frame, 8 + length);
        Files.write(segment, bytes);

        JournalInspector journal = JournalInspector.read(dir, KEEP_ALL, JsonReadLimits.DEFAULT, aes(KEY));

        assertTrue(journal.damaged());
        assertEquals(1, journal.records());
        assertTrue(journal.fileReports().get(0).contains("record addressed to session 'bobby' checkpoint 'alice:1'"
                + " fails authentication"), journal.fileReports().get(0));
        assertEquals(List.of("bobby"), journal.sessions().stream().map(JournalInspector.SessionInfo::id).toList());
    }

    @Test
    void keysAreReadFromBase64InAFileWithClearErrors() throws IOException {
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(KEY) + "\n");
        assertTrue(JournalEncoding.aesGcmKeyFile(keyFile).encrypted());
        assertEquals("AES-GCM, key from key file '" + keyFile + "'", JournalEncoding.aesGcmKeyFile(keyFile).describe());

        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[12]));
        assertEquals("key file '" + keyFile + "' holds 12 bytes; an AES key has 16, 24 or 32 (make one with:"
                + " head -c 32 /dev/urandom | base64)", assertThrows(IllegalArgumentException.class,
                () -> JournalEncoding.aesGcmKeyFile(keyFile)).getMessage());
        Files.writeString(keyFile, "not base64 at all!");
        assertEquals("key file '" + keyFile + "' does not hold base64 text (make a key with: head -c 32 /dev/urandom"
                + " | base64)", assertThrows(IllegalArgumentException.class,
                () -> JournalEncoding.aesGcmKeyFile(keyFile)).getMessage());
        Path missing = dir.resolve("missing");
        assertEquals("key file '" + missing + "' cannot be read (NoSuchFileException)",
                assertThrows(IllegalArgumentException.class, () -> JournalEncoding.aesGcmKeyFile(missing)).getMessage());
        assertEquals("environment variable 'CHECKPOINT_TEST_NO_SUCH_VARIABLE' is not set",
                assertThrows(IllegalArgumentException.class,
                        () -> JournalEncoding.aesGcmKeyVariable("CHECKPOINT_TEST_NO_SUCH_VARIABLE")).getMessage());
    }

    @Test
    void theKeyIsNeverInTheDescriptionOrTheFiles() throws IOException {
        writeTwoSessions(aes(KEY), 16L * 1024 * 1024);
        String base64 = Base64.getEncoder().encodeToString(KEY);

        assertFalse(aes(KEY).describe().contains(base64));
        for (byte[] file : journalFiles()) {
            assertFalse(new String(file, StandardCharsets.ISO_8859_1).contains(new String(KEY,
                    StandardCharsets.ISO_8859_1)));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(onlySegment())));
    }
}
