package org.breakpilot.bench;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.breakpilot.checkpoint.api.Checkpoint;

/**
 * The one method shape every alternative in {@code CallBenchmark} is measured on: three arguments
 * (a string, an int, a small object) and an int result, with the same trivial body, differing only
 * in what marks it.
 */
public final class CallTargets {

    /** A small application object passed as the third argument. */
    public static final class Owner {
        private final String name;
        private final int level;

        public Owner(String name, int level) {
            this.name = name;
            this.level = level;
        }

        public String getName() {
            return name;
        }

        public int getLevel() {
            return level;
        }

        @Override
        public String toString() {
            return name + "@" + level;
        }
    }

    private CallTargets() {
    }

    /** The floor: no marking. */
    public static int plain(String query, int page, Owner owner) {
        return query.length() + page + owner.level;
    }

    /** Recorded by our agent with nothing captured: what recording a call costs by itself. */
    @Checkpoint(value = "bench.bare", args = false, result = false)
    public static int checkpointBare(String query, int page, Owner owner) {
        return query.length() + page + owner.level;
    }

    /** Recorded by our agent with the three arguments and the result captured. */
    @Checkpoint("bench.captured")
    public static int checkpointCaptured(String query, int page, Owner owner) {
        return query.length() + page + owner.level;
    }

    /** A span per call under OpenTelemetry's agent, the three arguments as attributes. */
    @WithSpan
    public static int withSpan(@SpanAttribute("query") String query, @SpanAttribute("page") int page,
                               @SpanAttribute("owner") Owner owner) {
        return query.length() + page + owner.level;
    }
}
