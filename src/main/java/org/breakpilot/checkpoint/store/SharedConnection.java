package org.breakpilot.checkpoint.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection to the store's database, used by one caller at a time and made again after a failure:
 * a connection that failed may be broken, and a new one costs little beside a lost database.
 */
final class SharedConnection implements AutoCloseable {

    /** Work on the connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final PostgresConnector connector;
    private Connection connection;

    SharedConnection(PostgresConnector connector) {
        this.connector = connector;
    }

    /**
     * Runs {@code work} on the connection, connecting first when there is none.
     *
     * @throws SQLException from connecting or from {@code work}; the connection is then dropped
     */
    synchronized <T> T use(Work<T> work) throws SQLException {
        try {
            if (connection == null) {
                connection = connector.connect();
            }
            return work.run(connection);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // A connection being dropped after a failure may fail to close as well.
            }
            connection = null;
        }
    }
}
