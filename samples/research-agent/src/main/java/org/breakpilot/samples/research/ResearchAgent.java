package org.breakpilot.samples.research;

import java.util.ArrayList;
import java.util.List;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * A small "research agent": for each question it plans, searches (one search times out and is
 * retried), reads, summarizes and answers. Every step is a method; under the checkpoint agent each
 * call becomes a checkpoint in the question's session, with no other code for it.
 */
public class ResearchAgent {

    /** What the agent answers. */
    public record Answer(String question, String text, List<String> sources) {
    }

    private final SearchEngine engine = new SearchEngine();

    @Checkpoint("plan")
    public List<String> plan(@SessionId String session, String question) {
        return List.of(question + " overview", question + " benchmarks");
    }

    @Checkpoint("read")
    public String read(@SessionId String session, String url) {
        return "notes from " + url;
    }

    @Step("summarize")
    public String summarize(String session, List<String> notes) {
        return String.join("; ", notes);
    }

    @Checkpoint(value = "answer", metadata = {"model=sample-1", "temperature=0"})
    public Answer answer(@SessionId String session, String question, String summary, List<String> sources) {
        return new Answer(question, "In short: " + summary, sources);
    }

    /** Research one question in its own session. */
    public Answer research(String session, String question) {
        List<String> sources = new ArrayList<>();
        for (String query : plan(session, question)) {
            sources.addAll(searchWithRetry(session, query));
        }
        List<String> notes = new ArrayList<>();
        for (String url : sources) {
            notes.add(read(session, url));
        }
        // The summarize step names no @SessionId parameter: a scope says which session it belongs to.
        try (Checkpoints.Scope scope = Checkpoints.session(session)) {
            return answer(session, question, summarize(session, notes), sources);
        }
    }

    private List<String> searchWithRetry(String session, String query) {
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.search(session, query, attempt);
            } catch (IllegalStateException timeout) {
                System.out.println("  search '" + query + "' failed (" + timeout.getMessage() + "), retrying");
            }
        }
    }

    public static void main(String[] args) {
        ResearchAgent agent = new ResearchAgent();
        String[][] questions = {{"research-1", "java agents"}, {"research-2", "jfr events"}};
        for (String[] question : questions) {
            System.out.println(question[0] + ": " + agent.research(question[0], question[1]).text());
        }
        System.out.println();
        for (String[] question : questions) {
            String session = question[0];
            System.out.println("== " + session + " summary");
            System.out.println(Checkpoints.summaryJson(session).orElse("(no agent loaded: nothing was recorded)"));
        }
        System.out.println("== research-1 export");
        System.out.println(Checkpoints.exportJson("research-1").orElse("(no agent loaded: nothing was recorded)"));
    }
}
