package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * Real JVMs on one journal: a replay step whose secret argument (by name, or {@code @Redact}) changed
 * runs again, and nothing written lets the secret be read or guessed from a plain hash.
 */
class SecretReplayIT {

    private static final String HOST = "org.breakpilot.testhost.SecretChargeHost";
    private static final String KEY_FILE = "replay-arguments.key";

    @TempDir
    Path journal;

    @TempDir
    Path exports;

    private ProcessRun run(String extraOptions, String token, String pin) throws IOException, InterruptedException {
        ProcessRun result = HostJvm.run("dir=" + journal + ",fsync=always,exportOnExit=" + exports + extraOptions,
                List.of(), HOST, token, pin);
        assertEquals(0, result.exitCode(), result.stderr());
        return result;
    }

    @Test
    void theSameSecretReplaysAndAChangedSecretRunsAgainOrThrowsWhenStrict() throws Exception {
        ProcessRun first = run("", "tok_A", "pin-1111");
        assertTrue(first.stdout().contains("ran charge") && first.stdout().contains("ran authorize"), first.stdout());

        ProcessRun same = run("", "tok_A", "pin-1111");
        assertFalse(same.stdout().contains("ran "), "the same secrets replay: " + same.stdout());
        assertTrue(same.stdout().contains("charge -> charged acct-1"), same.stdout());

        ProcessRun changed = run("", "tok_B", "pin-2222");
        assertTrue(changed.stdout().contains("ran charge"), "a changed token runs again: " + changed.stdout());
        assertTrue(changed.stdout().contains("ran authorize"), "a changed @Redact PIN runs again: " + changed.stdout());

        ProcessRun strict = run(",replayStrict=true", "tok_C", "pin-2222");
        assertFalse(strict.stdout().contains("ran charge"), strict.stdout());
        assertTrue(strict.stdout().contains("charge threw: replay step 'charge' (call 1 in session 'secret-job') was"
                + " called with other arguments than recorded"), strict.stdout());
        assertTrue(strict.stdout().contains("authorize -> authorized acct-1"), "an unchanged PIN replays: "
                + strict.stdout());

        for (String secret : List.of("tok_A", "tok_B", "tok_C", "pin-1111", "pin-2222")) {
            for (String trace : traces(secret)) {
                assertNoFileHolds(journal, trace, secret);
                assertNoFileHolds(exports, trace, secret);
            }
        }
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(journal.resolve(KEY_FILE)));
    }

    @Test
    void aJournalCopiedWithoutItsKeyFileRunsItsSecretStepsAgain() throws Exception {
        run("", "tok_A", "pin-1111");
        Files.delete(journal.resolve(KEY_FILE));

        ProcessRun copied = run("", "tok_A", "pin-1111");

        assertTrue(copied.stdout().contains("ran charge") && copied.stdout().contains("ran authorize"), copied.stdout());
    }

    @Test
    void anEncryptedJournalKeysTheHashWithItsEncryptionKeyAndWritesNoKeyFile() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path keyFile = exports.resolve("journal.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
        String encrypted = ",encryptionKeyFile=" + keyFile;
        run(encrypted, "tok_A", "pin-1111");

        ProcessRun same = run(encrypted, "tok_A", "pin-1111");
        ProcessRun changed = run(encrypted, "tok_B", "pin-1111");

        assertFalse(same.stdout().contains("ran "), same.stdout());
        assertTrue(changed.stdout().contains("ran charge"), changed.stdout());
        assertFalse(changed.stdout().contains("ran authorize"), changed.stdout());
        assertFalse(Files.exists(journal.resolve(KEY_FILE)));
    }

    /** The secret, and the SHA-256 hex of it and of its JSON string, whole and as a 16-digit prefix. */
    private static List<String> traces(String secret) throws Exception {
        List<String> traces = new ArrayList<>(List.of(secret));
        for (String form : List.of(secret, "\"" + secret + "\"")) {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(form.getBytes(StandardCharsets.UTF_8)));
            traces.add(sha256);
            traces.add(sha256.substring(0, 16));
        }
        return traces;
    }

    private static void assertNoFileHolds(Path directory, String trace, String secret) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "nothing written to " + directory);
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(trace), file + " holds " + trace + " (of " + secret + ")");
        }
    }
}
