package org.breakpilot.checkpoint.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.breakpilot.checkpoint.testing.ProcessRun;

/** A running {@code ServiceHost} JVM, driven line by line. */
final class ScriptedHost implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path stderr;
    final String pid;

    ScriptedHost(String java, List<String> jvmOptions) throws IOException {
        stderr = Files.createTempFile("host-err", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("checkpoint.test.classes") + ":" + System.getProperty("checkpoint.api.jar"),
                "org.breakpilot.testhost.ServiceHost"));
        process = ProcessRun.inFreshDirectory(command).redirectError(stderr.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            throw new IllegalStateException("host did not start: " + ready + " " + Files.readString(stderr));
        }
        pid = ready.substring("ready ".length());
    }

    /** Runs one step in {@code session}; returns what the host printed. */
    String step(String session, int value) throws IOException {
        in.write(session + " " + value + "\n");
        in.flush();
        return out.readLine();
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws Exception {
        in.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(stderr);
    }
}
