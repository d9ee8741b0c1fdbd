package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the database password is found: an environment variable or a file, never the option string, so
 * that it is in no command line, no {@code Options} attribute, no log and no error line. It is read
 * when a connection is made, and what is shown of it is only where it comes from.
 *
 * @param environmentVariable the variable that holds it, or null
 * @param file                the file that holds it (one line), or null
 */
public record DatabasePassword(String environmentVariable, Path file) {

    /** @throws IllegalArgumentException unless exactly one of the two is given */
    public DatabasePassword {
        if ((environmentVariable == null) == (file == null)) {
            throw new IllegalArgumentException("jdbcPasswordEnv=VAR or jdbcPasswordFile=F must give the database"
                    + " password, exactly one of them");
        }
        if (environmentVariable != null && environmentVariable.isBlank()) {
            throw new IllegalArgumentException("jdbcPasswordEnv must name an environment variable");
        }
    }

    /**
     * The password as it is now.
     *
     * @throws IllegalStateException naming the variable or file (never the password) when it cannot be had
     */
    public String read() {
        if (environmentVariable != null) {
            String value = System.getenv(environmentVariable);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("the environment variable " + environmentVariable
                        + " named by jdbcPasswordEnv is not set");
            }
            return value;
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the jdbcPasswordFile " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Where the password comes from, as options show it: {@code env VAR} or {@code file F}. */
    public String describe() {
        return environmentVariable != null ? "env " + environmentVariable : "file " + file;
    }
}
