package org.breakpilot.checkpoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.breakpilot.checkpoint.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Connections to a real server (see {@link TestDatabase}), and the lines that say why one failed. */
class PostgresConnectorTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @TempDir
    Path directory;

    @Test
    void fsyncNoneTurnsSynchronousCommitOffAndTheOthersLeaveItOn() throws Exception {
        for (WriteOptions.Fsync fsync : WriteOptions.Fsync.values()) {
            try (Connection connection = connector(database.url, database.passwordFile, fsync).connect();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("show synchronous_commit")) {
                row.next();
                assertEquals(fsync == WriteOptions.Fsync.NONE ? "off" : "on", row.getString(1), fsync.name());
                assertTrue(connection.getAutoCommit());
            }
        }
    }

    @Test
    void aWrongPasswordIsOneLineNamingUrlAndUserButNotThePassword() throws Exception {
        Path wrong = Files.writeString(directory.resolve("password"), "not-the-password-xyzzy\n");

        SQLException refused = assertThrows(SQLException.class,
                () -> connector(database.url, wrong, WriteOptions.Fsync.BATCH).connect());

        assertTrue(refused.getMessage().startsWith("cannot connect to " + database.url + " as " + database.user + ": "),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
        assertFalse(refused.getMessage().contains("xyzzy"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }

    @Test
    void aServerThatIsNotThereIsNamed() {
        String url = "jdbc:postgresql://127.0.0.1:1/checkpoint";

        SQLException refused = assertThrows(SQLException.class,
                () -> connector(url, database.passwordFile, WriteOptions.Fsync.BATCH).connect());

        assertTrue(refused.getMessage().startsWith("cannot connect to " + url + " as " + database.user + ": "),
                refused.getMessage());
    }

    @Test
    void aPasswordVariableThatIsNotSetIsNamed() {
        PostgresOptions options = new PostgresOptions(database.url, database.user,
                new DatabasePassword("CHECKPOINT_NO_SUCH_PASSWORD_VARIABLE", null), "checkpoint", 10_000, 0, WriteOptions.DEFAULT);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new PostgresConnector(options).connect());

        assertEquals("the environment variable CHECKPOINT_NO_SUCH_PASSWORD_VARIABLE named by jdbcPasswordEnv is not set",
                refused.getMessage());
    }

    private PostgresConnector connector(String url, Path passwordFile, WriteOptions.Fsync fsync) {
        WriteOptions writing = new WriteOptions(fsync, 50, WriteOptions.OnFull.DROP, 100, 1_000,
                WriteOptions.DEFAULT.retention(), 100, WriteOptions.DEFAULT.readLimits(), WriteOptions.DEFAULT.encoding());
        return new PostgresConnector(new PostgresOptions(url, database.user, new DatabasePassword(null, passwordFile),
                "checkpoint", 10_000, 0, writing));
    }
}
