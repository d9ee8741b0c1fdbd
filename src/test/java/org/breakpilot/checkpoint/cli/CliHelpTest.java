package org.breakpilot.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The help the shared options of the commands (pid, journal session) render, as users and scripts read it. */
class CliHelpTest {

    @Test
    void theMixedInPidIsTheFirstParameter() {
        assertEquals("""
                Usage: checkpoint-agent rollback [-hV] [--rewind] <pid> <checkpointId>
                Print the data of a checkpoint as JSON, to roll back to; changes nothing. With
                --rewind, remove every checkpoint after it instead, durably, so the next run
                repeats those steps.
                      <pid>            the JVM's pid
                      <checkpointId>   the checkpoint id, <session>:<n>
                  -h, --help           Show this help message and exit.
                      --rewind         remove the checkpoints after it from the session
                  -V, --version        Print version information and exit.
                """, help("rollback", "--help"));
    }

    @Test
    void theJournalSessionIsDescribedByTheCommandItServes() {
        assertTrue(help("journal", "export", "--help").contains("\n      --session=<session>    the session to export\n"));
        assertTrue(help("journal", "rewind", "--help").contains("\n      --session=<session>    the session to rewind\n"));
    }

    @Test
    void aLivePidIsCheckedBeforeAnythingIsAttached() {
        StringWriter err = new StringWriter();

        int exit = Cli.run(new String[] {"fork", "0", "s:1", "--as", "t"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        assertEquals(Cli.USAGE, exit);
        assertEquals("checkpoint-agent: pid must be a positive whole number, got '0'" + System.lineSeparator(), err.toString());
    }

    private static String help(String... arguments) {
        StringWriter out = new StringWriter();
        assertEquals(0, Cli.run(arguments, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
