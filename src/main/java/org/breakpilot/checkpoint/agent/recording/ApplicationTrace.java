package org.breakpilot.checkpoint.agent.recording;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The current span of the application's own OpenTelemetry API ({@code Span.current()}), as one of its
 * class loaders sees it, through method handles found once. Works alike with the API alone and with
 * OpenTelemetry's Java agent, which bridges that API to its own context. Immutable and thread-safe.
 */
final class ApplicationTrace {

    /** The ids of a valid span context: 32 and 16 lower-case hex digits. */
    record Ids(String traceId, String spanId) {
    }

    private static final String SPAN_CLASS = "io.opentelemetry.api.trace.Span";
    private static final String SPAN_CONTEXT_CLASS = "io.opentelemetry.api.trace.SpanContext";

    // Kept in the Span class itself, for the reason ApplicationMdc gives.
    private static final ClassValue<ApplicationTrace> OF_CLASS = new ClassValue<>() {
        @Override
        protected ApplicationTrace computeValue(Class<?> span) {
            try {
                return new ApplicationTrace(span, Class.forName(SPAN_CONTEXT_CLASS, false, span.getClassLoader()));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError notTheApiWeKnow) {
                return null;
            }
        }
    };

    private final MethodHandle currentContext;
    private final MethodHandle isValid;
    private final MethodHandle traceId;
    private final MethodHandle spanId;

    private ApplicationTrace(Class<?> span, Class<?> spanContext) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle current = lookup.findStatic(span, "current", MethodType.methodType(span));
        MethodHandle contextOf = lookup.findVirtual(span, "getSpanContext", MethodType.methodType(spanContext));
        currentContext = MethodHandles.filterReturnValue(current, contextOf).asType(MethodType.methodType(Object.class));
        isValid = lookup.findVirtual(spanContext, "isValid", MethodType.methodType(boolean.class))
                .asType(MethodType.methodType(boolean.class, Object.class));
        traceId = lookup.findVirtual(spanContext, "getTraceId", MethodType.methodType(String.class))
                .asType(MethodType.methodType(String.class, Object.class));
        spanId = lookup.findVirtual(spanContext, "getSpanId", MethodType.methodType(String.class))
                .asType(MethodType.methodType(String.class, Object.class));
    }

    /**
     * The API {@code loader} sees, or null when it sees none. Looks the class up without initialising
     * it; costs a failed class look-up when there is none, so callers keep the answer.
     */
    static ApplicationTrace seenBy(ClassLoader loader) {
        Class<?> span = ApplicationLibraries.visibleClass(SPAN_CLASS, loader);
        return span == null ? null : OF_CLASS.get(span);
    }

    /**
     * The ids of the span current on the calling thread, or null when no valid span is current.
     *
     * @throws Throwable whatever the application's context storage throws
     */
    Ids current() throws Throwable {
        Object context = (Object) currentContext.invokeExact();
        if (context == null || !(boolean) isValid.invokeExact(context)) {
            return null;
        }
        return new Ids((String) traceId.invokeExact(context), (String) spanId.invokeExact(context));
    }
}
