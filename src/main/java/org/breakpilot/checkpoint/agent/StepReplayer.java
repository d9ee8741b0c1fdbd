package org.breakpilot.checkpoint.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.agent.bootstrap.Replayed;
import org.breakpilot.checkpoint.store.CheckpointStore;
import org.breakpilot.checkpoint.store.ReplayLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a call of a replay step runs or returns its recorded result: it numbers the calls of
 * each step per session, finds the recorded call with the same number, and replays it only when that
 * call completed, had the same arguments (by hash), and its result was recorded in full and reads back
 * into the method's declared return type. Each reason a step runs after all is logged once per step.
 * Thread-safe.
 */
final class StepReplayer {

    /** The logger, made on first use: this class is loaded in premain, where SLF4J's start-up must not be paid. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(StepReplayer.class);
    }
    /** Metadata key: false when the result was cut or redacted and so cannot be replayed. */
    static final String COMPLETE_KEY = "replayComplete";

    private final CheckpointStore store;
    private final boolean strict;
    private final ConcurrentMap<String, ConcurrentMap<String, AtomicLong>> callsBySession = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Method> methods = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> warned = new ConcurrentHashMap<>();
    private final AtomicLong replayed = new AtomicLong();

    /** Made on the first replay: start-up does not pay for it. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    StepReplayer(CheckpointStore store, boolean strict) {
        this.store = store;
        this.strict = strict;
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
        ReplayLog log = store.replayLog(session);
        Checkpoint recorded = log == null ? null : log.recorded(facts.checkpointName(), call);
        if (recorded == null) {
            return null;
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
            return runs(methodId, facts, "incomplete", "its recorded result was cut at a limit or redacted");
        }
        Object result;
        try {
            result = facts.captureResult() ? readBack(methodId, facts, type, recorded.data().get("result")) : null;
        } catch (RuntimeException | ReflectiveOperationException | LinkageError unreadable) {
            return runs(methodId, facts, "unreadable", "its recorded result does not read back into the return type ("
                    + unreadable.getMessage() + ")");
        }
        replayed.incrementAndGet();
        if (Log.LOG.isDebugEnabled()) {
            Log.LOG.debug("Replayed {} call {} in session {} from checkpoint {}", facts.checkpointName(), call, session,
                    recorded.id());
        }
        return Replayed.returning(result);
    }

    /** Replayed calls so far. */
    long replayed() {
        return replayed.get();
    }

    /** Forgets the session's call numbers. */
    void complete(String session) {
        callsBySession.remove(session);
    }

    /** A short hash of captured arguments: SHA-256 of their JSON, 16 hex digits. */
    static String hash(Map<String, Object> arguments) {
        try {
            byte[] json = Json.MAPPER.writeValueAsString(arguments).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // Every JDK has SHA-256 and captured arguments are JSON values; never replay on doubt.
            throw new IllegalStateException("cannot hash arguments: " + e, e);
        }
    }

    private Object readBack(int methodId, MethodFacts facts, Class<?> type, Object recorded)
            throws ReflectiveOperationException {
        Method method = methods.get(methodId);
        if (method == null) {
            method = find(type, facts);
            methods.put(methodId, method);
        }
        return Json.MAPPER.convertValue(recorded, Json.MAPPER.getTypeFactory().constructType(method.getGenericReturnType()));
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
