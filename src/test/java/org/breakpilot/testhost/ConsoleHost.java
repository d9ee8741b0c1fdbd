package org.breakpilot.testhost;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * What the JConsole tab shows: sessions {@code research-7} and {@code research-8} (a plan, three searches of
 * which one throws, a summary; calls of 10 to 40 ms) and {@code nightly-report} (two loads and a note made by
 * hand). Says {@code ready <pid>}; then for each line on its standard input, until it closes, says {@code done}
 * after running: for {@code <session> <query>} one more search; for {@code notes <session> <count>} that many
 * quick notes.
 */
public final class ConsoleHost {

    private ConsoleHost() {
    }

    @Checkpoint("research.plan")
    static List<String> plan(@SessionId String session, String topic) throws InterruptedException {
        Thread.sleep(10);
        return List.of(topic + " history", topic + " paywalled review", topic + " benchmarks");
    }

    @Checkpoint("research.search")
    static Map<String, Object> search(@SessionId String session, String query) throws InterruptedException {
        Thread.sleep(30);
        if (query.contains("paywalled")) {
            throw new IllegalStateException("403 Forbidden from the source of '" + query + "'");
        }
        return Map.of("query", query, "hits", query.length(), "top", "https://example.org/" + query.replace(' ', '-'));
    }

    @Checkpoint("research.summarize")
    static Map<String, Object> summarize(@SessionId String session, List<String> queries) throws InterruptedException {
        Thread.sleep(40);
        return Map.of("words", 120 * queries.size(), "sources", queries.size());
    }

    @Checkpoint("report.load")
    static int load(@SessionId String session, String region) throws InterruptedException {
        Thread.sleep(15);
        return region.length() * 1000;
    }

    @Checkpoint("research.note")
    static int note(@SessionId String session, int number) {
        return number;
    }

    public static void main(String[] args) throws Exception {
        for (String session : List.of("research-7", "research-8")) {
            research(session, session.endsWith("7") ? "jvm agents" : "checkpointing");
        }
        load("nightly-report", "emea");
        load("nightly-report", "apac");
        try (Checkpoints.Scope scope = Checkpoints.session("nightly-report")) {
            Checkpoints.create("report.note", Map.of("by", "hand", "regions", 2));
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] words = line.split(" ", 3);
            if (words[0].equals("notes")) {
                for (int number = 1; number <= Integer.parseInt(words[2]); number++) {
                    note(words[1], number);
                }
            } else {
                search(words[0], line.substring(words[0].length() + 1));
            }
            System.out.println("done");
        }
    }

    private static void research(String session, String topic) throws InterruptedException {
        List<String> queries = plan(session, topic);
        for (String query : queries) {
            try {
                search(session, query);
            } catch (IllegalStateException refused) {
                // Recorded as threw; the research goes on without that source.
            }
        }
        summarize(session, queries);
    }
}
