package org.breakpilot.samples.research;

import java.util.List;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Redact;
import org.breakpilot.checkpoint.api.SessionId;

/** A stand-in search service whose first attempt at a benchmarks query times out. */
public class SearchEngine {

    private static final String API_TOKEN = "sk-sample-secret";

    @Checkpoint("search")
    public List<String> search(@SessionId String session, String query, int attempt) {
        return call(session, query, attempt, API_TOKEN);
    }

    @Checkpoint(value = "search.call", result = false)
    List<String> call(@SessionId String session, String query, int attempt, @Redact String apiToken) {
        if (query.endsWith("benchmarks") && attempt == 1) {
            throw new IllegalStateException("timed out after 30 s");
        }
        return List.of("https://example.org/" + query.replace(' ', '-') + "/1",
                "https://example.org/" + query.replace(' ', '-') + "/2");
    }
}
