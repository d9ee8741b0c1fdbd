package org.breakpilot.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the Python reference through {@code reference/reference_driver.py}, one process a request. */
final class PythonReference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonReference() {
    }

    /** Whether {@code python3} runs here; tests that need it are skipped, saying so, when it does not. */
    static boolean available() {
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends {@code request} (with its {@code mode}) to the driver and returns its JSON answer. */
    static JsonNode call(Map<String, Object> request) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", driver().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().write(JSON.writeValueAsBytes(request));
        process.getOutputStream().close();
        byte[] answer = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("reference driver failed for mode " + request.get("mode")
                    + ": " + new String(answer, StandardCharsets.UTF_8));
        }
        return JSON.readTree(answer);
    }

    private static Path driver() {
        try {
            return Path.of(PythonReference.class.getResource("/reference/reference_driver.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
