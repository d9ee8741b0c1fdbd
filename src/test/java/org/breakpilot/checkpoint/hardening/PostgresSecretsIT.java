package org.breakpilot.checkpoint.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.breakpilot.checkpoint.cli.CliRun;
import org.breakpilot.checkpoint.cli.ScriptedHost;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.LocalJmx;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.breakpilot.testhost.SecretsHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL store keeps secrets as the journal does: a password passed to annotated methods in every
 * way {@link SecretsHost} knows is in no column (the schema's {@code pg_dump} is searched, as text and as
 * the hex its bytea columns are dumped in) while a visible value beside it is; with encryption at rest
 * neither is, and the offline tools read the store with the key. The database password itself is in no
 * output of the host and not in the Agent MBean's {@code Options}.
 */
class PostgresSecretsIT {

    private static final String SECRET = "hunter2-" + UUID.randomUUID();
    private static final String VISIBLE = "visible-" + UUID.randomUUID();

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @TempDir
    Path work;


    @Test
    void noSecretInAnyColumnWhileTheVisibleValueIs() throws Exception {
        String outputs = runHost("");
        String dump = database.dump();

        assertTrue(dump.contains(hex(VISIBLE)), "capture stopped? the visible value is not in the dump");
        assertFalse(dump.contains(SECRET) || dump.contains(hex(SECRET)), "the secret is in the database");
        assertFalse(outputs.contains(Files.readString(database.passwordFile).strip()), outputs);
        assertTrue(outputs.contains("key=jdbcPassword, value=file " + database.passwordFile.toAbsolutePath()), outputs);
    }

    @Test
    void encryptedAtRestNothingCapturedIsReadableAndTheToolsReadItWithTheKey() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path keyFile = Files.createFile(work.resolve("store.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");

        runHost(",encryptionKeyFile=" + keyFile);
        String dump = database.dump();

        assertFalse(dump.contains(hex(VISIBLE)) || dump.contains(VISIBLE), "a captured value is in the clear");
        assertFalse(dump.contains(SECRET) || dump.contains(hex(SECRET)), "the secret is in the database");
        ProcessRun export = CliRun.of("journal", "export", "--session", "secrets", "--key-file", keyFile.toString(),
                "--jdbc-url", database.url, "--jdbc-user", database.user, "--jdbc-password-file",
                database.passwordFile.toAbsolutePath().toString(), "--jdbc-schema", database.schema);
        assertEquals(0, export.exitCode(), export.stderr());
        assertTrue(export.stdout().contains(VISIBLE) && !export.stdout().contains(SECRET), export.stdout());
    }

    /** Runs the host's rounds with the store; returns what it printed and what the Agent MBean's Options show. */
    private String runHost(String moreOptions) throws Exception {
        StringBuilder outputs = new StringBuilder();
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(), List.of(Jvm.javaagent("session=secrets,"
                + database.agentOptions() + ",fsync=always,redact=pin" + moreOptions)), "org.breakpilot.testhost.SecretsHost")) {
            outputs.append(host.send("3 " + SECRET + " " + VISIBLE)).append('\n');
            try (JMXConnector connector = LocalJmx.connect(host.pid)) {
                ObjectName agent = new ObjectName(JmxRegistry.AGENT_NAME);
                LocalJmx.awaitRegistered(connector.getMBeanServerConnection(), agent);
                outputs.append(connector.getMBeanServerConnection().getAttribute(agent, "Options")).append('\n');
            }
            ProcessRun end = host.stop();
            assertEquals(0, end.exitCode(), end.stderr());
            outputs.append(end.stdout()).append(end.stderr());
        }
        return outputs.toString();
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
