package org.breakpilot.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.breakpilot.checkpoint.testing.Jvm;
import org.junit.jupiter.api.Test;
import org.breakpilot.checkpoint.testing.ProcessRun;

/** Attach finds a loaded class whose only marking is a composed annotation, as start-up does. */
class AttachComposedIT {

    @Test
    void attachInstrumentsALoadedClassMarkedOnlyByAComposedAnnotation() throws Exception {
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(), List.of(),
                "org.breakpilot.testhost.ComposedServiceHost")) {
            ProcessRun attach = CliRun.of("attach", host.pid, "session=composed,store=memory");
            assertEquals(0, attach.exitCode(), attach.stderr());
            assertEquals("checkpoint-agent attached; 1 loaded classes instrumented in " + host.pid + "\n", attach.stdout());

            assertEquals("done charged acc-7", host.send("acc-7"));

            ProcessRun export = CliRun.of("export", host.pid, "--session", "composed");
            assertEquals(0, export.exitCode(), export.stderr());
            assertTrue(export.stdout().contains("\"name\": \"Payments.charge\""), export.stdout());
            assertTrue(export.stdout().contains("\"result\": \"charged acc-7\""), export.stdout());
            assertTrue(export.stdout().contains("\"kind\": \"payment\""), "the carried @Checkpoint's metadata: "
                    + export.stdout());
            assertFalse(export.stdout().contains("\"account\""), "args=false from the carried @Checkpoint: " + export.stdout());
        }
    }
}
