package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Collectors;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * The differential check of host safety: a host run with the agent must print what the same host
 * printed without it, byte for byte, and exit the same way, with no frame or name of ours anywhere.
 */
final class SameHostOutput {

    /** What would show that a frame of ours, or of the libraries we shade, reached the host. */
    static final List<String> OUR_NAMES = List.of("org.breakpilot.checkpoint.", "bytebuddy", "jackson", "slf4j");

    private SameHostOutput() {
    }

    /**
     * Asserts that both runs exited alike and printed the same bytes on stdout and stderr, leaving out
     * only stdout lines starting {@code facade.}: those print what the {@code Checkpoints} facade
     * answers, which differs with an agent by design.
     */
    static void assertSame(ProcessRun without, ProcessRun with) {
        assertEquals(without.exitCode(), with.exitCode(), "exit code; stderr with the agent:\n" + with.stderr());
        assertEquals(withoutFacadeLines(without.stdout()), withoutFacadeLines(with.stdout()), "stdout");
        assertEquals(without.stderr(), with.stderr(), "stderr: the agent prints nothing when nothing is wrong");
        for (String ours : OUR_NAMES) {
            assertFalse(with.stdout().contains(ours), "no frame or name of ours on stdout: " + ours);
            assertFalse(with.stderr().contains(ours), "no frame or name of ours on stderr: " + ours);
        }
    }

    /** {@code stdout} without its {@code facade.} lines, every other byte kept. */
    static String withoutFacadeLines(String stdout) {
        return stdout.lines().filter(line -> !line.startsWith("facade.")).map(line -> line + "\n")
                .collect(Collectors.joining());
    }
}
