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
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;

/**
 * A running host JVM ({@code ServiceHost} unless told otherwise) driven line by line: it says
 * {@code ready <pid>}, then answers each line sent with one line.
 */
public final class ScriptedHost implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path stderr;
    private ProcessRun finished;
    /** The host's pid. */
    public final String pid;

    /** Starts {@code ServiceHost}. */
    public ScriptedHost(String java, List<String> jvmOptions) throws IOException {
        this(java, jvmOptions, "org.breakpilot.testhost.ServiceHost");
    }

    /** Starts {@code mainClass}, with the test classes and the api jar on its class path. */
    public ScriptedHost(String java, List<String> jvmOptions, String mainClass) throws IOException {
        stderr = Files.createTempFile("host-err", ".txt");
        process = Jvm.on(java).options(jvmOptions).hostClassPath().main(mainClass).inFreshDirectory()
                .redirectError(stderr.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            throw new IllegalStateException("host did not start: " + ready + " " + Files.readString(stderr));
        }
        pid = ready.substring("ready ".length());
    }

    /** Runs one step in {@code session}; returns what the host printed. */
    public String step(String session, int value) throws IOException {
        return send(session + " " + value);
    }

    /** Sends one line; returns the line the host answered. */
    public String send(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
        return out.readLine();
    }

    /** Whether the host is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** What the host printed on its standard error so far. */
    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /**
     * Closes the host's input, so that it ends normally, and waits for it: its exit code, what it
     * printed on standard output after its last answer, and everything it printed on standard error.
     */
    public ProcessRun stop() throws IOException, InterruptedException {
        if (finished == null) {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("host " + pid + " did not end within 30 s of its input closing");
            }
            StringBuilder rest = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                rest.append(line).append('\n');
            }
            finished = new ProcessRun(process.exitValue(), rest.toString(), Files.readString(stderr));
            Files.deleteIfExists(stderr);
        }
        return finished;
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } catch (IllegalStateException hung) {
            // stop() has killed it; a test that needed a clean exit called stop() itself.
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stderr);
        }
    }
}
