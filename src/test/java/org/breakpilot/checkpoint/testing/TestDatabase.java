package org.breakpilot.checkpoint.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.breakpilot.checkpoint.store.DatabasePassword;
import org.breakpilot.checkpoint.store.PostgresOptions;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.Driver;

/**
 * The PostgreSQL server the store's tests run against: {@code scripts/postgres.sh start} starts one
 * (CI's {@code .ci/run} does; the build tells the tests where its password file and script are, {@code
 * checkpoint.pg.passwordFile} and {@code checkpoint.pg.script}), and the system properties {@code
 * checkpoint.pg.url}, {@code checkpoint.pg.user} and {@code checkpoint.pg.passwordFile} name another. Each test takes its own
 * schema, dropped after each test (register it with {@code @RegisterExtension}), so that tests do not see
 * each other's rows.
 */
public final class TestDatabase implements AutoCloseable, AfterEachCallback {

    public final String url = System.getProperty("checkpoint.pg.url", "jdbc:postgresql://127.0.0.1:55432/checkpoint");
    public final String user = System.getProperty("checkpoint.pg.user", "checkpoint");
    public final Path passwordFile = Path.of(System.getProperty("checkpoint.pg.passwordFile", "target/postgres/password"));
    public final String schema = "test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);

    /** A new connection; fails saying how to start a server when none answers. */
    public Connection connect() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        try {
            properties.setProperty("password", Files.readString(passwordFile).strip());
            Connection connection = new Driver().connect(url, properties);
            if (connection == null) {
                throw new IllegalStateException("not a PostgreSQL URL: " + url);
            }
            return connection;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("no PostgreSQL server for the tests at " + url + " (" + e.getMessage()
                    + "); start one with: scripts/postgres.sh start", e);
        }
    }

    /**
     * Runs {@code scripts/postgres.sh <command>} (stop, start, restart) on the tests' own cluster; fails when
     * the tests were pointed at another server, which a test must not stop.
     */
    public void cluster(String command) throws IOException, InterruptedException {
        if (System.getProperty("checkpoint.pg.url") != null) {
            throw new IllegalStateException("the tests run against " + url + ", not scripts/postgres.sh's cluster;"
                    + " a test that stops its server cannot run there");
        }
        Process script = new ProcessBuilder("bash", System.getProperty("checkpoint.pg.script", "scripts/postgres.sh"),
                command).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (script.waitFor() != 0) {
            throw new IllegalStateException("scripts/postgres.sh " + command + " failed: " + output);
        }
    }

    /**
     * Everything this test's schema holds, as {@code pg_dump} writes it (bytea columns in hex), from the
     * PostgreSQL installation of {@code scripts/postgres.sh}.
     */
    public String dump() throws IOException, InterruptedException {
        java.util.regex.Matcher address = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.+)")
                .matcher(url);
        if (!address.matches()) {
            throw new IllegalStateException("cannot take host, port and database from " + url);
        }
        Path bin;
        try (java.util.stream.Stream<Path> installed = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = installed.max(java.util.Comparator.naturalOrder()).orElseThrow().resolve("bin");
        }
        ProcessBuilder pgDump = new ProcessBuilder(bin.resolve("pg_dump").toString(), "-h", address.group(1), "-p",
                address.group(2), "-U", user, "-n", schema, address.group(3));
        pgDump.environment().put("PGPASSWORD", Files.readString(passwordFile).strip());
        Process dump = pgDump.start();
        String output = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String errors = new String(dump.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (dump.waitFor() != 0) {
            throw new IllegalStateException("pg_dump failed: " + errors);
        }
        return output;
    }

    /** The PostgreSQL store's options for this test's schema, keeping every session in memory. */
    public PostgresOptions options(int leaseTtlMs, WriteOptions writing) {
        return options(leaseTtlMs, 0, writing);
    }

    /** The PostgreSQL store's options for this test's schema. */
    public PostgresOptions options(int leaseTtlMs, int sessionIdleMs, WriteOptions writing) {
        return new PostgresOptions(url, user, new DatabasePassword(null, passwordFile), schema, leaseTtlMs,
                sessionIdleMs, writing);
    }

    /** The agent options that give a JVM the PostgreSQL store in this test's schema. */
    public String agentOptions() {
        return "store=postgres,jdbcUrl=" + url + ",jdbcUser=" + user + ",jdbcPasswordFile=" + passwordFile.toAbsolutePath()
                + ",jdbcSchema=" + schema;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Drops this test's schema. */
    @Override
    public void close() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not drop schema " + schema, e));
        }
    }
}
