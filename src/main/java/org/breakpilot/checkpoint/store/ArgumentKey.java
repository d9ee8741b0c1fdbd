package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The key that replay steps' secret arguments are hashed with, so that a changed secret tells a call
 * apart without anything on disk from which the secret could be guessed: derived from the journal's
 * encryption key when it has one, else a random 256-bit key in {@value #FILE_NAME}, an owner-only file
 * of the journal directory written once, beside (never inside) the records. A journal copied without
 * that file runs its secret-bearing steps again rather than replaying them.
 */
final class ArgumentKey {

    /** The key file of a plain journal. */
    static final String FILE_NAME = "replay-arguments.key";
    private static final int KEY_BYTES = 32;

    private ArgumentKey() {
    }

    /**
     * The key of the journal in {@code directory} written with {@code encoding}; made on first use.
     *
     * @throws IOException when the key file cannot be read or written, or holds no key
     */
    static byte[] of(JournalDirectory directory, JournalEncoding encoding) throws IOException {
        byte[] derived = encoding.derivedKey("replay arguments");
        if (derived != null) {
            return derived;
        }
        Path file = directory.path().resolve(FILE_NAME);
        try {
            return read(file);
        } catch (NoSuchFileException absent) {
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            Path temporary = directory.temporaryFor(file);
            Files.deleteIfExists(temporary);
            Files.write(Files.createFile(temporary, directory.ownerOnly()), Base64.getEncoder().encode(key));
            // The journal's lock keeps other JVMs out, and the store makes the key under its own lock.
            directory.publish(temporary, file);
            return key;
        }
    }

    /**
     * The key of the PostgreSQL store in {@code schema}: derived from the encryption key when there is one,
     * else a random key in its {@code settings} table, made by the first JVM that asks.
     */
    static byte[] of(Connection connection, PostgresSchema schema, JournalEncoding encoding) throws SQLException {
        byte[] derived = encoding.derivedKey("replay arguments");
        if (derived != null) {
            return derived;
        }
        byte[] made = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(made);
        try (PreparedStatement insert = connection.prepareStatement("insert into " + schema.table("settings")
                + " (name, value) values ('" + FILE_NAME + "', ?) on conflict (name) do nothing")) {
            insert.setBytes(1, made);
            insert.executeUpdate();
        }
        try (PreparedStatement query = connection.prepareStatement("select value from " + schema.table("settings")
                + " where name = '" + FILE_NAME + "'"); ResultSet row = query.executeQuery()) {
            row.next();
            byte[] key = row.getBytes(1);
            if (key.length != KEY_BYTES) {
                throw new SQLException(schema.table("settings") + " holds a replay argument key of " + key.length
                        + " bytes; one has " + KEY_BYTES);
            }
            return key;
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IOException(file + " does not hold base64 text");
        }
        if (key.length != KEY_BYTES) {
            throw new IOException(file + " holds " + key.length + " bytes; a replay argument key has " + KEY_BYTES);
        }
        return key;
    }
}
