package org.breakpilot.checkpoint.agent.recording;

import java.util.Map;
import org.breakpilot.checkpoint.FrozenJson;
import org.breakpilot.checkpoint.LazyFrozenMap;
import org.breakpilot.checkpoint.agent.weaving.MethodFacts;
import org.breakpilot.checkpoint.store.ReplayLog;

/**
 * The data and metadata of a recorded call as small immutable maps: one object per call holding the
 * call's few fields, whose entries are laid out only when something reads them (an export, JMX, the
 * journal's writer), never on the application's thread. Values are captured snapshots and JDK
 * scalars, so they are {@link LazyFrozenMap}s the manager keeps without copying.
 */
final class CallEntries {

    private CallEntries() {
    }

    /** {@code args} (when recorded), then {@code result} (and a replay step's result fields) or {@code error}. */
    static final class CallData extends LazyFrozenMap {
        /** The data of a call that recorded neither arguments nor result and returned: shared, as it is empty. */
        static final CallData NOTHING = new CallData(null, false, null, null);

        private final Map<String, Object> arguments;
        private final boolean hasResult;
        private final Object result;
        private final Object resultFields;
        private final Map<String, Object> error;

        /**
         * @param arguments the captured arguments, or null when not recorded
         * @param hasResult whether {@code result} is recorded
         * @param error     {@link CallError} of a call that threw, or null
         */
        CallData(Map<String, Object> arguments, boolean hasResult, Object result, Map<String, Object> error) {
            this(arguments, hasResult, result, null, error);
        }

        /** @param resultFields the result's field graph, which a replay step records beside it, or null */
        CallData(Map<String, Object> arguments, boolean hasResult, Object result, Object resultFields,
                 Map<String, Object> error) {
            this.arguments = arguments;
            this.hasResult = hasResult;
            this.result = result;
            this.resultFields = resultFields;
            this.error = error;
        }

        @Override
        protected void putEntries(FrozenJson.MapBuilder entries) {
            if (arguments != null) {
                entries.put("args", arguments);
            }
            if (error != null) {
                entries.put("error", error);
            } else if (hasResult) {
                entries.put("result", result);
                if (resultFields != null) {
                    entries.put(StepReplayer.RESULT_FIELDS_KEY, resultFields);
                }
            }
        }
    }

    /** {@code type} and {@code message} of what a call threw. */
    static final class CallError extends LazyFrozenMap {
        private final String type;
        private final Object message;

        CallError(String type, Object capturedMessage) {
            this.type = type;
            this.message = capturedMessage;
        }

        @Override
        protected void putEntries(FrozenJson.MapBuilder entries) {
            entries.put("type", type);
            entries.put("message", message);
        }
    }

    /**
     * {@code class}, {@code method}, {@code thread}, {@code durationNanos} (at exit), {@code outcome},
     * the replay keys of a replay step ({@link ReplayStepMetadata}), {@code traceId} and {@code spanId}
     * of the application's span current at entry, then the annotation's own metadata. The replay keys
     * live in a subclass so that every other call's metadata, which the manager retains, is 24 bytes
     * smaller.
     */
    static class CallMetadata extends LazyFrozenMap {
        private final MethodFacts facts;
        private final String thread;
        private final long durationNanos;
        private final String outcome;
        private final ApplicationTrace.Ids trace;

        /**
         * @param durationNanos -1 at entry
         * @param trace         null when no span was current
         */
        CallMetadata(MethodFacts facts, String thread, long durationNanos, String outcome, ApplicationTrace.Ids trace) {
            this.facts = facts;
            this.thread = thread;
            this.durationNanos = durationNanos;
            this.outcome = outcome;
            this.trace = trace;
        }

        /** Answered without laying the entries out: the journal asks it of every checkpoint it stores. */
        @Override
        protected final Object quickValue(Object key) {
            if (ReplayLog.CALL_KEY.equals(key) && !facts.metadata().containsKey(ReplayLog.CALL_KEY)) {
                return replayCall();
            }
            return UNKNOWN;
        }

        /** The call's number among its replay step's calls, or null for a method that is not a replay step. */
        Long replayCall() {
            return null;
        }

        /** Puts a replay step's keys; other calls have none. */
        void putReplayEntries(FrozenJson.MapBuilder entries) {
        }

        @Override
        protected final void putEntries(FrozenJson.MapBuilder entries) {
            entries.put("class", facts.className());
            entries.put("method", facts.methodName());
            entries.put("thread", thread);
            if (durationNanos >= 0) {
                entries.put("durationNanos", durationNanos);
            }
            entries.put("outcome", outcome);
            putReplayEntries(entries);
            if (trace != null) {
                entries.put("traceId", trace.traceId());
                entries.put("spanId", trace.spanId());
            }
            entries.putAll(facts.metadata());
        }
    }

    /** The metadata of a replay step's call: {@link CallMetadata}'s, with the keys replay looks calls up by. */
    static final class ReplayStepMetadata extends CallMetadata {
        private final long replayCall;
        private final String argumentsHash;
        private final Boolean replayComplete;
        private final String replayParent;

        /**
         * @param replayCall     the call's number among its step's calls, from 1
         * @param replayComplete null when no result was recorded
         * @param replayParent   the key of the replay step this one ran inside, or null
         */
        ReplayStepMetadata(MethodFacts facts, String thread, long durationNanos, String outcome, ApplicationTrace.Ids trace,
                           long replayCall, String argumentsHash, Boolean replayComplete, String replayParent) {
            super(facts, thread, durationNanos, outcome, trace);
            this.replayCall = replayCall;
            this.argumentsHash = argumentsHash;
            this.replayComplete = replayComplete;
            this.replayParent = replayParent;
        }

        @Override
        Long replayCall() {
            return replayCall;
        }

        @Override
        void putReplayEntries(FrozenJson.MapBuilder entries) {
            entries.put(ReplayLog.CALL_KEY, replayCall);
            entries.put(ReplayLog.ARGS_HASH_KEY, argumentsHash);
            if (replayComplete != null) {
                entries.put(StepReplayer.COMPLETE_KEY, replayComplete);
            }
            if (replayParent != null) {
                entries.put(ReplayLog.PARENT_KEY, replayParent);
            }
        }
    }
}
