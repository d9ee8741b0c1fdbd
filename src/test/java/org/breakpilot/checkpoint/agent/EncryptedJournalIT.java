package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * Journal encryption in real JVMs: a run with the key resumes what an encrypted run recorded exactly as
 * a plaintext run resumes its own; no value is in the files in the clear; without the key the journal
 * is refused in one line and left as it was; the offline tools read it with the key only.
 */
class EncryptedJournalIT {

    private static final String HOST = "org.breakpilot.testhost.RecoveryApiHost";
    private static final String KEY_VARIABLE = "CHECKPOINT_IT_JOURNAL_KEY";

    @TempDir
    Path work;

    private ProcessRun host(String agentOptions, Map<String, String> environment, String phase) throws Exception {
        return Jvm.target().agent(agentOptions).hostClassPath().main(HOST, phase).run(environment, 120);
    }

    private ProcessRun cli(String... args) throws Exception {
        return Jvm.target().jar(Jvm.AGENT_JAR, args).run(60);
    }

    private static Map<Path, byte[]> contents(Path directory) throws Exception {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : listing.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void anEncryptedJournalResumesAsAPlaintextOneAndIsUnreadableWithoutItsKey() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String keyText = Base64.getEncoder().encodeToString(key);
        Path keyFile = Files.createFile(work.resolve("journal.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, keyText + "\n");
        Path plain = work.resolve("plain");
        Path encrypted = work.resolve("encrypted");

        ProcessRun plainFirst = host("dir=" + plain + ",fsync=always", Map.of(), "first");
        ProcessRun plainSecond = host("dir=" + plain + ",fsync=always", Map.of(), "second");
        ProcessRun first = host("dir=" + encrypted + ",fsync=always,encryptionKeyEnv=" + KEY_VARIABLE,
                Map.of(KEY_VARIABLE, keyText), "first");
        ProcessRun second = host("dir=" + encrypted + ",fsync=always,encryptionKeyFile=" + keyFile, Map.of(), "second");

        assertEquals(0, first.exitCode(), first.stderr());
        // The host's second fork is refused with a warning by design; its elapsed-time prefix differs.
        assertEquals(plainFirst.stderr().replaceAll("(?m)^\\d+ ", ""), first.stderr().replaceAll("(?m)^\\d+ ", ""));
        assertEquals("", second.stderr());
        assertEquals(plainFirst.stdout(), first.stdout());
        assertEquals(plainSecond.stdout(), second.stdout(), "the encrypted journal resumed otherwise");
        assertTrue(second.stdout().contains("history api-job [api-job:1, api-job:2, api-job:3, api-job:6]"),
                second.stdout());

        Map<Path, byte[]> files = contents(encrypted);
        assertFalse(files.isEmpty());
        for (Map.Entry<Path, byte[]> file : files.entrySet()) {
            String bytes = new String(file.getValue(), StandardCharsets.ISO_8859_1);
            assertTrue(bytes.startsWith("CKPTJNE1"), file.getKey() + " is not marked encrypted");
            assertFalse(bytes.contains("\"step\"") || bytes.contains("\"data\""), file.getKey() + " holds JSON in the clear");
            assertFalse(bytes.contains(keyText), file.getKey() + " holds the key");
        }
        assertTrue(contents(plain).values().stream().anyMatch(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)
                .contains("\"step\"")), "the plaintext control shows where the values would be");

        ProcessRun withoutKey = host("dir=" + encrypted, Map.of(), "second");
        assertEquals(0, withoutKey.exitCode(), withoutKey.stderr());
        assertEquals(1, withoutKey.stderr().lines().count(), withoutKey.stderr());
        assertTrue(withoutKey.stderr().matches("checkpoint-agent: cannot open checkpoint journal \\S+: \\S+segment-\\d+\\.log"
                + " is encrypted; give its key .*; this JVM keeps its checkpoints in memory only\n"), withoutKey.stderr());
        assertTrue(withoutKey.stdout().contains("history api-job [api-job:1]"), "nothing read: " + withoutKey.stdout());
        Map<Path, byte[]> after = contents(encrypted);
        assertEquals(files.keySet(), after.keySet());
        files.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " changed"));

        ProcessRun verify = cli("journal", "verify", "--dir", encrypted.toString(), "--key-file", keyFile.toString());
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        assertTrue(verify.stdout().endsWith(": ok\n"), verify.stdout());
        ProcessRun export = cli("journal", "export", "--dir", encrypted.toString(), "--key-file", keyFile.toString(),
                "--session", "api-job");
        assertTrue(export.stdout().contains("\"id\": \"api-job:6\""), export.stdout() + export.stderr());
        ProcessRun verifyWithoutKey = cli("journal", "verify", "--dir", encrypted.toString());
        assertNotEquals(0, verifyWithoutKey.exitCode());
        assertEquals("", verifyWithoutKey.stdout());
        assertEquals(1, verifyWithoutKey.stderr().lines().count(), verifyWithoutKey.stderr());
        assertTrue(verifyWithoutKey.stderr().contains("is encrypted; give its key"), verifyWithoutKey.stderr());
    }
}
