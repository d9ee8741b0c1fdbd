package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/spring-boot-orders, a Spring Boot fat jar, under {@code -javaagent} with
 * {@code sessionFrom=mdc:conversationId}: requests of two conversations, then SIGTERM. Every
 * {@code @Checkpoint} call — through the {@code @Transactional} CGLIB proxy, nested, {@code @Async} — is
 * journaled exactly once in its request's conversation, the graceful shutdown's checkpoints are journaled
 * too, and the application prints what it prints without the agent.
 */
class SpringBootSampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The orders each run places: conversation, item, quantity. */
    private static final List<List<String>> ORDERS = List.of(List.of("conv-alice", "espresso", "2"),
            List.of("conv-bob", "tea", "1"), List.of("conv-alice", "croissant", "3"));

    private static Path jar;

    @TempDir
    Path workingDirectory;

    @TempDir
    Path journal;

    /** What one run of the application left. */
    private record Run(long pid, String stdout, String stderr, List<JsonNode> orders) {
    }

    @BeforeAll
    static void buildTheSample() throws Exception {
        jar = SampleBuild.packaged("spring-boot-orders").resolve("target/spring-boot-orders.jar");
    }

    @Test
    void everyCallIsJournaledOnceInItsRequestsSessionWithTheShutdownsAndTheOutputIsUnchanged() throws Exception {
        int port = freePort();
        Run withAgent = run(port, "session=orders-app,sessionFrom=mdc:conversationId,dir=" + journal);
        Run withoutAgent = run(port, null);

        assertEquals(masked(withoutAgent.stdout(), withoutAgent.pid()), masked(withAgent.stdout(), withAgent.pid()));
        assertEquals(withoutAgent.stderr(), withAgent.stderr(), "the agent prints nothing");
        assertTrue(withAgent.stdout().contains("ledger closed with 3 orders"), withAgent.stdout());

        Map<String, List<String>> names = new TreeMap<>();
        for (String session : journaledSessions()) {
            names.put(session, exported(session).stream().map(checkpoint -> checkpoint.get("name").asText()).sorted().toList());
        }
        assertEquals(Map.of(
                "conv-alice", List.of("mail.confirmation", "mail.confirmation", "orders.place", "orders.place",
                        "pricing.quote", "pricing.quote"),
                "conv-bob", List.of("mail.confirmation", "orders.place", "pricing.quote"),
                "orders-app", List.of("intake.stop", "ledger.close")), names);
        for (JsonNode order : withAgent.orders()) {
            assertCheckpointsOfOrderIn(order.get("conversation").asText(), order);
        }
    }

    /** Its nested quote and its {@code @Async} confirmation are in the order's session, with the order's values. */
    private void assertCheckpointsOfOrderIn(String session, JsonNode order) throws Exception {
        List<JsonNode> checkpoints = exported(session);
        String item = order.get("item").asText();
        assertTrue(checkpoints.stream().anyMatch(c -> c.get("name").asText().equals("orders.place")
                && c.at("/data/result/id").asLong() == order.get("id").asLong()), session + " lacks " + order);
        assertTrue(checkpoints.stream().anyMatch(c -> c.get("name").asText().equals("pricing.quote")
                && c.at("/data/args/item").asText().equals(item)), session + " lacks the quote of " + order);
        assertTrue(checkpoints.stream().anyMatch(c -> c.get("name").asText().equals("mail.confirmation")
                && c.at("/data/args/orderId").asLong() == order.get("id").asLong()), session + " lacks the mail of " + order);
    }

    /**
     * Starts the fat jar (with the agent when {@code agentOptions} is not null), waits until it answers,
     * places {@link #ORDERS}, and stops it with SIGTERM. Both runs use the same port and working directory,
     * which Spring prints.
     */
    private Run run(int port, String agentOptions) throws Exception {
        Jvm command = Jvm.target().agent(agentOptions).jar(jar, "--server.port=" + port);
        Path out = Files.createTempFile("boot-out", ".txt");
        Path err = Files.createTempFile("boot-err", ".txt");
        Process application = command.here().directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            awaitAnswer(port, application, out);
            List<JsonNode> placed = new ArrayList<>();
            for (List<String> order : ORDERS) {
                placed.add(place(port, order.get(0), order.get(1), order.get(2)));
            }
            application.destroy();
            assertTrue(application.waitFor(60, TimeUnit.SECONDS), "no exit 60 s after SIGTERM");
            assertEquals(143, application.exitValue(), "ended by SIGTERM");
            return new Run(application.pid(), Files.readString(out), Files.readString(err), placed);
        } finally {
            application.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Polls {@code GET /orders/count} until it answers 200, for at most three minutes (Boot starts slowly on a busy machine). */
    private static void awaitAnswer(int port, Process application, Path out) {
        HttpRequest count = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders/count")).build();
        try {
            await().atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertTrue(application.isAlive(), () -> "the application ended:\n" + read(out));
                try {
                    return HTTP.send(count, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException silent) {
            throw new AssertionError("no answer on port " + port + " in 3 minutes:\n" + read(out), silent);
        }
    }

    private static JsonNode place(int port, String conversation, String item, String quantity) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders?item=" + item
                        + "&quantity=" + quantity))
                .header("X-Conversation-Id", conversation).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode order = JSON.readTree(response.body());
        assertEquals(conversation, order.get("conversation").asText(), response.body());
        return order;
    }

    private List<JsonNode> exported(String session) throws Exception {
        ProcessRun export = cli("journal", "export", "--dir", journal.toString(), "--session", session);
        List<JsonNode> checkpoints = new ArrayList<>();
        JSON.readTree(export.stdout()).forEach(checkpoints::add);
        return checkpoints;
    }

    private List<String> journaledSessions() throws Exception {
        return cli("journal", "ls", "--dir", journal.toString()).stdout().lines().skip(1)
                .map(line -> line.split("\\s+")[0]).sorted().toList();
    }

    private static ProcessRun cli(String... arguments) throws Exception {
        ProcessRun run = Jvm.cli(arguments).run(60);
        assertEquals(0, run.exitCode(), String.join(" ", arguments) + ": " + run.stderr());
        return run;
    }

    /**
     * Spring's log lines with what differs between any two runs masked: timestamps, the PID, durations,
     * and the names of pooled threads (Tomcat's {@code exec-N}, the task executor's {@code task-N}), which
     * depend on which pooled thread took the work.
     */
    static String masked(String stdout, long pid) {
        return stdout.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+(Z|[+-]\\d\\d:\\d\\d)", "<time>")
                .replaceAll("\\b" + pid + "\\b", "<pid>")
                .replaceAll("\\d+(\\.\\d+)?(?= ms\\b| seconds\\b|\\))", "<n>")
                .replaceAll("\\[[^\\]]*(exec|task)-\\d+\\]", "[<pooled thread>]");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "(" + unreadable + ")";
        }
    }
}
