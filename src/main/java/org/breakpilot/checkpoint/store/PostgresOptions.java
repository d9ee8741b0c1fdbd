package org.breakpilot.checkpoint.store;

import java.util.Locale;
import java.util.Objects;

/**
 * How the PostgreSQL store reaches its database and writes to it.
 *
 * @param jdbcUrl    {@code jdbc:postgresql://host:port/database}, with no password in it
 * @param user       the database user
 * @param password   where the password is found
 * @param schema     the schema that holds the store's tables
 * @param leaseTtlMs how long this JVM owns a session without renewing its lease
 * @param sessionIdleMs how long a session goes without a checkpoint before it leaves this JVM's memory (and
 *                   its lease), to come back from the database on its next use; 0 keeps every session
 * @param writing    how changes are written, as for the journal
 */
public record PostgresOptions(String jdbcUrl, String user, DatabasePassword password, String schema, int leaseTtlMs,
                              int sessionIdleMs, WriteOptions writing) {

    /** The schema unless {@code jdbcSchema} names another. */
    public static final String DEFAULT_SCHEMA = "checkpoint";
    /** The lease unless {@code leaseTtlMs} says otherwise. */
    public static final int DEFAULT_LEASE_TTL_MS = 10_000;
    /** Ten minutes unless {@code sessionIdleMs} says otherwise. */
    public static final int DEFAULT_SESSION_IDLE_MS = 600_000;
    /** The shortest idle time a session may have, other than 0 (never). */
    static final int LEAST_SESSION_IDLE_MS = 10;

    private static final String URL_PREFIX = "jdbc:postgresql://";

    /**
     * Checks every setting; a message never shows the URL's text past its prefix when the URL might hold
     * a password.
     *
     * @throws IllegalArgumentException naming the setting and what is accepted
     */
    public PostgresOptions {
        Objects.requireNonNull(password, "password must not be null");
        Objects.requireNonNull(writing, "writing must not be null");
        if (jdbcUrl == null || !jdbcUrl.startsWith(URL_PREFIX) || jdbcUrl.length() == URL_PREFIX.length()) {
            throw new IllegalArgumentException("jdbcUrl must be " + URL_PREFIX + "host:port/database");
        }
        String authority = jdbcUrl.substring(URL_PREFIX.length()).split("/", 2)[0];
        if (authority.contains("@") || jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("jdbcUrl must not hold a password; give it with jdbcPasswordEnv=VAR or"
                    + " jdbcPasswordFile=F");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("jdbcUser must name the database user");
        }
        new PostgresSchema(schema);
        WriteOptions.requireAtLeast("leaseTtlMs", leaseTtlMs, 1_000);
        if (sessionIdleMs != 0) {
            WriteOptions.requireAtLeast("sessionIdleMs (0 keeps every session)", sessionIdleMs, LEAST_SESSION_IDLE_MS);
        }
    }
}
