package org.breakpilot.checkpoint.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens connections to the store's database with our own (relocated) driver, never through
 * {@code DriverManager}, which would see the application's drivers and let the application see ours. The
 * password is read when each connection is made, so a rotated password file is picked up, and it is in
 * no message: a failure names the URL and the user.
 */
final class PostgresConnector {

    /** How long opening a connection or a socket read may take, so that a database gone away is noticed. */
    private static final int TIMEOUT_SECONDS = 10;

    private final PostgresOptions options;
    private final Driver driver = new Driver();

    PostgresConnector(PostgresOptions options) {
        this.options = options;
    }

    /**
     * A new connection, in auto-commit, with {@code synchronous_commit} off when {@code fsync=none} (a
     * commit then returns before the database has forced it to disk, as the journal's writes do).
     *
     * @throws SQLException naming the URL and user, never the password
     */
    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", options.user());
        properties.setProperty("password", options.password().read());
        properties.setProperty("ApplicationName", "checkpoint-agent");
        // One multi-row insert per batch instead of a statement per record.
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS * 3));
        Connection connection;
        try {
            connection = driver.connect(options.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + options.jdbcUrl() + " as " + options.user() + ": "
                    + firstLine(e.getMessage()), e.getSQLState(), e);
        }
        if (options.writing().fsync() == WriteOptions.Fsync.NONE) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set synchronous_commit = off");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
