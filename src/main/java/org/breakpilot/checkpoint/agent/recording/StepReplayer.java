package org.breakpilot.checkpoint.agent.recording;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.agent.bootstrap.Replayed;
import org.breakpilot.checkpoint.agent.weaving.MethodFacts;
import org.breakpilot.checkpoint.capture.FieldGraph;
import org.breakpilot.checkpoint.capture.FieldGraphReader;
import org.breakpilot.checkpoint.capture.Redaction;
import org.breakpilot.checkpoint.capture.CaptureLimits;
import org.breakpilot.checkpoint.capture.ValueCapture;
import org.breakpilot.checkpoint.store.ReplayLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a call of a replay step runs or returns its recorded result: it numbers the calls of
 * each step per session, finds the recorded call with the same number, and replays it only when that
 * call completed, had the same arguments (by hash), and its result was recorded in full and reads back
 * into the method's declared return type. Each reason a step runs after all is logged once per step.
 *
 * <p>A result is recorded as its capture ({@code data.result}, what people read), and, when Jackson
 * cannot build its objects back (no default constructor, fields its properties do not show), also as a
 * {@link FieldGraph} ({@code data.}{@value #RESULT_FIELDS_KEY}) that replay rebuilds it from. Thread-safe.
 */
public final class StepReplayer {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(StepReplayer.class);
    }
    /** Metadata key: false when the result was cut or redacted and so cannot be replayed. */
    static final String COMPLETE_KEY = "replayComplete";
    /** Replay steps nested deeper than this inside a replayed one are not looked for. */
    private static final int MAX_NESTING = 64;
    /** Data key: the result's field graph, for a result Jackson cannot build back from its capture. */
    static final String RESULT_FIELDS_KEY = "resultFields";

    private final SessionRegistry sessions;
    private final boolean strict;
    private final Redaction redaction;
    // A replayed result must read back whole, so replay steps' results are not cut (redaction stays).
    private final ValueCapture resultCapture;
    private final ArgumentsHash hash;
    private final ConcurrentMap<String, ConcurrentMap<String, AtomicLong>> callsBySession = new ConcurrentHashMap<>();
    // Per session, the recorded calls (ReplayLog.callKey) replayed in this run: each stands for one call.
    private final ConcurrentMap<String, Set<String>> callsReplayed = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Method> methods = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> warned = new ConcurrentHashMap<>();
    private final AtomicLong replayed = new AtomicLong();

    /** Made on the first replay: start-up does not pay for it. */
    static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public StepReplayer(SessionRegistry sessions, boolean strict, Redaction redaction) {
        this.sessions = sessions;
        this.strict = strict;
        this.redaction = redaction;
        this.resultCapture = new ValueCapture(CaptureLimits.REPLAY, redaction);
        this.hash = new ArgumentsHash(sessions.store());
    }

    /** A replay step's recorded result: its capture, its field graph or null, and whether it replays. */
    record RecordedResult(Object captured, Object fields, boolean complete) {
    }

    /** The number of this call among the calls of {@code step} in {@code session}, from 1. */
    long nextCall(String session, String step) {
        return callsBySession.computeIfAbsent(session, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(step, s -> new AtomicLong()).incrementAndGet();
    }

    /**
     * What call {@code call} of the step returns without running, or null when it runs.
     *
     * @throws IllegalStateException never: with {@code replayStrict}, a mismatch is returned as a
     *                               {@link Replayed} that throws, so it reaches the application
     */
    Replayed replay(int methodId, MethodFacts facts, Class<?> type, String session, long call, String argumentsHash) {
        Method method;
        try {
            method = method(methodId, facts, type);
        } catch (NoSuchMethodException unreadable) {
            return runs(methodId, facts, "unreadable", "its method is not found (" + unreadable.getMessage() + ")");
        }
        ReplayLog log = sessions.replayLog(session);
        Checkpoint recorded = log == null ? null : log.recorded(facts.checkpointName(), call);
        if (recorded == null) {
            return null;
        }
        Set<String> consumed = callsReplayed.computeIfAbsent(session, s -> new HashSet<>());
        synchronized (consumed) {
            if (!argumentsHash.equals(recorded.metadata().get(ReplayLog.ARGS_HASH_KEY))
                    || !consumed.add(ReplayLog.callKey(recorded))) {
                // Calls of one step that run concurrently start in any order: another recorded call of the
                // step with these arguments, not replayed yet in this run, is this call.
                Checkpoint sameArguments = log.firstCall(facts.checkpointName(), argumentsHash, consumed);
                if (sameArguments != null) {
                    consumed.add(ReplayLog.callKey(sameArguments));
                    recorded = sameArguments;
                } else if (argumentsHash.equals(recorded.metadata().get(ReplayLog.ARGS_HASH_KEY))) {
                    return null;
                }
            }
        }
        Map<String, Object> metadata = recorded.metadata();
        if (!"returned".equals(metadata.get("outcome"))) {
            return runs(methodId, facts, "failed", "its recorded call threw");
        }
        if (!argumentsHash.equals(metadata.get(ReplayLog.ARGS_HASH_KEY))) {
            String mismatch = "replay step '" + facts.checkpointName() + "' (call " + call + " in session '" + session
                    + "') was called with other arguments than recorded";
            if (strict) {
                return Replayed.throwing(new IllegalStateException(mismatch));
            }
            return runs(methodId, facts, "arguments", "it was called with other arguments than recorded"
                    + " (replayStrict=false)");
        }
        if (Boolean.FALSE.equals(metadata.get(COMPLETE_KEY))) {
            return runs(methodId, facts, "incomplete", "its recorded result was cut at a limit, redacted, or holds"
                    + " values that cannot be rebuilt");
        }
        Object result;
        try {
            result = facts.captureResult() ? readBack(method, recorded.data()) : null;
        } catch (RuntimeException | ReflectiveOperationException | LinkageError unreadable) {
            return runs(methodId, facts, "unreadable", "its recorded result does not read back into the return type ("
                    + unreadable.getMessage() + ")");
        }
        replayed.incrementAndGet();
        skipCallsInside(log, session, session + ":" + recorded.name() + ":" + recorded.metadata().get(ReplayLog.CALL_KEY), 0);
        if (Log.LOG.isDebugEnabled()) {
            Log.LOG.debug("Replayed {} call {} in session {} from checkpoint {}", facts.checkpointName(), call, session,
                    recorded.id());
        }
        return Replayed.returning(result);
    }

    /**
     * Moves the numbering of the steps that the replayed call {@code key} ran inside it past their
     * recorded calls, at any depth: they do not run now, and the calls after them must keep the numbers
     * (and step keys) they had. {@code depth} bounds a journal edited into a cycle.
     */
    private void skipCallsInside(ReplayLog log, String session, String key, int depth) {
        if (depth > MAX_NESTING) {
            return;
        }
        for (Checkpoint inner : log.inside(key)) {
            long call = ((Number) inner.metadata().get(ReplayLog.CALL_KEY)).longValue();
            callsBySession.computeIfAbsent(session, s -> new ConcurrentHashMap<>())
                    .computeIfAbsent(inner.name(), s -> new AtomicLong()).accumulateAndGet(call, Math::max);
            skipCallsInside(log, session, session + ":" + inner.name() + ":" + call, depth + 1);
        }
    }

    /** Replayed calls so far. */
    long replayed() {
        return replayed.get();
    }

    /** Forgets the session's call numbers. */
    void complete(String session) {
        callsBySession.remove(session);
        callsReplayed.remove(session);
    }

    /** The hash a call's arguments are compared by (see {@link ArgumentsHash}). */
    String hash(ValueCapture.ReplayArguments arguments) {
        return hash.of(arguments);
    }

    /**
     * What to record of the result of a call of replay step {@code methodId}, a call this replayer was
     * asked to {@link #replay} at entry.
     */
    RecordedResult recordedResult(int methodId, Object result) {
        ValueCapture.Captured captured = resultCapture.captureComplete(result);
        Method method = methods.get(methodId);
        if (method == null || (captured.jacksonBuilds() && !isApplicationAbstraction(method.getReturnType()))) {
            return new RecordedResult(captured.value(), null, captured.complete());
        }
        FieldGraph.Captured fields = FieldGraph.capture(result, method.getGenericReturnType(), CaptureLimits.REPLAY,
                redaction, FieldGraph.Purpose.REBUILD);
        return new RecordedResult(captured.value(), fields.graph(), fields.complete());
    }

    /** An interface or abstract class of the application's: Jackson cannot tell which class to build. */
    private static boolean isApplicationAbstraction(Class<?> type) {
        return !type.isPrimitive() && !type.isArray() && !type.getName().startsWith("java.")
                && (type.isInterface() || Modifier.isAbstract(type.getModifiers()));
    }

    private Object readBack(Method method, Map<String, Object> data) throws ReflectiveOperationException {
        if (data.containsKey(RESULT_FIELDS_KEY)) {
            return FieldGraphReader.rebuild(data.get(RESULT_FIELDS_KEY), method.getGenericReturnType(),
                    method.getDeclaringClass().getClassLoader());
        }
        return Json.MAPPER.convertValue(data.get("result"),
                Json.MAPPER.getTypeFactory().constructType(method.getGenericReturnType()));
    }

    private Method method(int methodId, MethodFacts facts, Class<?> type) throws NoSuchMethodException {
        Method method = methods.get(methodId);
        if (method == null) {
            method = find(type, facts);
            methods.put(methodId, method);
        }
        return method;
    }

    private static Method find(Class<?> type, MethodFacts facts) throws NoSuchMethodException {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(facts.methodName()) && MethodType.methodType(method.getReturnType(),
                    method.getParameterTypes()).toMethodDescriptorString().equals(facts.descriptor())) {
                return method;
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + facts.methodName() + facts.descriptor());
    }

    private Replayed runs(int methodId, MethodFacts facts, String reason, String why) {
        if (warned.putIfAbsent(methodId + ":" + reason, Boolean.TRUE) == null) {
            Log.LOG.warn("Replay step '{}' ({}.{}) runs instead of replaying because {}; logged once", facts.checkpointName(),
                    facts.className(), facts.methodName(), why);
        }
        return null;
    }
}
