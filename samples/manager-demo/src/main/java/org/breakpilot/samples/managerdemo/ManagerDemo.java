package org.breakpilot.samples.managerdemo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;

/**
 * A research-agent session driven by hand through {@link CheckpointManager}: it plans, searches,
 * fails once and retries, summarizes, then shows how a restart would find where to resume.
 */
public final class ManagerDemo {

    private ManagerDemo() {
    }

    public static void main(String[] args) throws Exception {
        CheckpointManager session = new CheckpointManager("research-42");
        List<String> heard = new ArrayList<>();
        try (AutoCloseable listener = session.onCheckpoint(c -> heard.add(c.name()))) {
            session.create("task_started", Map.of("question", "Which JVM agents record method calls?"));
            session.create("plan", Map.of("steps", List.of("search", "search", "search", "summarize")));
            for (String query : List.of("java agent bytebuddy", "jfr custom events", "opentelemetry withspan")) {
                session.create("search", Map.of("query", query, "hits", query.length()), Map.of("source", "web"));
            }
            session.create("summarize", Map.of("error", Map.of("type", "TimeoutException", "message", "model timed out")),
                    Map.of("attempt", 1, "outcome", "threw"));
            session.create("summarize", Map.of("summary", "Byte Buddy advice, JFR events and spans all work."),
                    Map.of("attempt", 2, "outcome", "returned"));
        }

        Checkpoint lastSearch = session.getLatest("search").orElseThrow();
        Map<String, Object> resumeFrom = session.rollbackTo(lastSearch.id()).orElseThrow();
        System.out.println("listener heard " + heard.size() + " checkpoints");
        System.out.println("searches, newest first: " + session.getByName("search").stream().map(Checkpoint::id).toList());
        System.out.println("a restart after the last search would resume from " + lastSearch.id() + " with " + resumeFrom);
        System.out.println();
        System.out.println("summary:");
        System.out.println(session.getSummary().toJson());
        System.out.println();
        System.out.println("export:");
        System.out.println(session.exportJson());
    }
}
