package org.breakpilot.testhost;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.breakpilot.checkpoint.api.Checkpoint;

/**
 * Recorded calls inside and outside an OpenTelemetry span: {@code api} makes a span current with the
 * API alone, {@code withSpan} lets OpenTelemetry's Java agent open one around a {@code @WithSpan}
 * method, {@code none} runs without OpenTelemetry on the class path. Each prints the ids it saw.
 */
public final class TraceHost {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";

    private TraceHost() {
    }

    @Checkpoint("trace.step")
    public static String step(String item) {
        return "step " + item;
    }

    /** Not annotated: recorded when {@code methods=} selects it. */
    public static String selected(String item) {
        return "selected " + item;
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "api" -> ApiSpan.run();
            case "withSpan" -> AgentSpan.run();
            case "none" -> System.out.println(step("plain"));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** Separate classes, so that mode {@code none} never loads OpenTelemetry's. */
    static final class ApiSpan {
        static void run() {
            SpanContext context = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
            try (Scope scope = Span.wrap(context).makeCurrent()) {
                System.out.println(step("inside") + " " + selected("inside"));
            }
            System.out.println(step("outside"));
        }
    }

    static final class AgentSpan {
        static void run() {
            traced();
            System.out.println(step("outside"));
        }

        @WithSpan
        static void traced() {
            SpanContext current = Span.current().getSpanContext();
            System.out.println("span " + current.getTraceId() + " " + current.getSpanId() + " " + step("inside"));
        }
    }
}
