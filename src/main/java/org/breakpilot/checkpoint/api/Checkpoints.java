package org.breakpilot.checkpoint.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's handle on the running checkpoint agent: session scopes, hand-made checkpoints,
 * and recovery: a session's history back after a restart, rewind, fork and completion. With no agent loaded every method is a cheap no-op, so code that uses it runs the same
 * with and without the agent.
 *
 * <p>It reaches the agent only through a class the agent puts on the bootstrap class path, with JDK
 * types, so it works from any class loader and needs nothing else of ours. Thread-safe.
 */
public final class Checkpoints {

    private static final Scope NO_SCOPE = () -> { };

    private Checkpoints() {
    }

    /**
     * Opens a scope in which calls on this thread are recorded in session {@code sessionId} (unless a
     * {@link SessionId} argument names another). Scopes nest; close them in reverse order, best with
     * try-with-resources.
     *
     * @throws NullPointerException when {@code sessionId} is null
     */
    public static Scope session(String sessionId) {
        if (sessionId == null) {
            throw new NullPointerException("sessionId must not be null");
        }
        AgentBridge bridge = AgentBridge.find();
        if (bridge == null) {
            return NO_SCOPE;
        }
        AutoCloseable scope = (AutoCloseable) bridge.invoke(bridge.openSession, sessionId);
        return scope == null ? NO_SCOPE : () -> {
            try {
                scope.close();
            } catch (Exception unexpected) {
                // The agent's scopes do not throw; a scope must close quietly whatever happens.
            }
        };
    }

    /** The session of the innermost scope open on this thread; empty with no scope or no agent. */
    public static Optional<String> current() {
        AgentBridge bridge = AgentBridge.find();
        return bridge == null ? Optional.empty() : Optional.ofNullable((String) bridge.invoke(bridge.currentSession));
    }

    /**
     * The key of the replay step ({@code @Checkpoint(replay = true)}) whose body is running, for the
     * idempotency key of a payment or e-mail API: {@code <session>:<step>:<k>}, k being the call's number
     * among the step's calls in the session, as in {@code trip-1:book_hotel:2}. It is the same on every
     * run of the same call, so a step that runs again after a crash (it was in flight when the process
     * died) hands the same key to the API, which can then refuse the repeat. Steps nest: the innermost
     * one's. Tasks created in the step (executors, {@code CompletableFuture}'s async methods, virtual
     * threads) see it too.
     *
     * @return the key, or null outside a replay step's body (a replayed step's body does not run) and
     *     with no agent: null, not empty, so that it can go straight into an API's optional parameter
     */
    public static String stepKey() {
        AgentBridge bridge = AgentBridge.find();
        return bridge == null ? null : (String) bridge.invoke(bridge.stepKey);
    }

    /**
     * Records a checkpoint by hand in the current session (the scope's, else the agent's default).
     *
     * @param name the checkpoint name
     * @param data its data, JSON-compatible values only
     * @return the new checkpoint's id; empty with no agent, or when the agent could not record it
     *     (it then logs why)
     */
    public static Optional<String> create(String name, Map<String, ?> data) {
        AgentBridge bridge = AgentBridge.find();
        return bridge == null ? Optional.empty() : Optional.ofNullable((String) bridge.invoke(bridge.create, name, data));
    }

    /**
     * The session's summary as JSON ({@code total_count}, {@code unique_names}, {@code names},
     * {@code first_checkpoint}, {@code last_checkpoint}, {@code duration_seconds}).
     *
     * @return empty with no agent, or for a session with nothing recorded
     */
    public static Optional<String> summaryJson(String sessionId) {
        AgentBridge bridge = AgentBridge.find();
        return bridge == null ? Optional.empty() : Optional.ofNullable((String) bridge.invoke(bridge.summaryJson, sessionId));
    }

    /**
     * The session's checkpoints in the interchange format (a JSON array, oldest first).
     *
     * @return empty with no agent, or for a session with nothing recorded
     */
    public static Optional<String> exportJson(String sessionId) {
        AgentBridge bridge = AgentBridge.find();
        return bridge == null ? Optional.empty() : Optional.ofNullable((String) bridge.invoke(bridge.exportJson, sessionId));
    }

    /**
     * The newest checkpoint named {@code name} in the session, as a map with the interchange format's
     * keys ({@code id}, {@code name}, {@code timestamp} as ISO-8601 text, {@code data},
     * {@code metadata}) holding plain {@code Map}/{@code List}/{@code String}/number/{@code Boolean}
     * values the caller owns. After a restart this is how an application picks up where it stopped.
     *
     * @param name a checkpoint name, or null for the newest of any name
     * @return empty with no agent, or when the session has no such checkpoint
     */
    public static Optional<Map<String, Object>> latest(String sessionId, String name) {
        AgentBridge bridge = AgentBridge.find();
        return bridge == null ? Optional.empty() : Optional.ofNullable(cast(bridge.invoke(bridge.latest, sessionId, name)));
    }

    /**
     * Every retained checkpoint of the session, oldest first, each as {@link #latest} describes.
     *
     * @return empty with no agent or for an unknown session
     */
    public static List<Map<String, Object>> history(String sessionId) {
        AgentBridge bridge = AgentBridge.find();
        Object history = bridge == null ? null : bridge.invoke(bridge.history, sessionId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = history instanceof List<?> ? (List<Map<String, Object>>) history : List.of();
        return list;
    }

    /**
     * The data of checkpoint {@code checkpointId}, to roll the application's state back to. Changes
     * nothing in the session (see {@link #rewindTo} for that).
     *
     * @return empty with no agent, or when the session does not retain that checkpoint
     */
    public static Optional<Map<String, Object>> rollbackTo(String sessionId, String checkpointId) {
        AgentBridge bridge = AgentBridge.find();
        return bridge == null ? Optional.empty()
                : Optional.ofNullable(cast(bridge.invoke(bridge.rollbackTo, sessionId, checkpointId)));
    }

    /**
     * Removes every checkpoint after {@code checkpointId} from the session, durably, so that the next
     * run replays the steps up to it and runs the steps after it again.
     *
     * @return how many checkpoints were removed; -1 with no agent, or when the session does not retain
     *     that checkpoint
     */
    public static int rewindTo(String sessionId, String checkpointId) {
        AgentBridge bridge = AgentBridge.find();
        Object removed = bridge == null ? null : bridge.invoke(bridge.rewindTo, sessionId, checkpointId);
        return removed instanceof Integer count ? count : -1;
    }

    /**
     * Starts session {@code newSessionId} from the history of {@code sessionId} up to and including
     * {@code checkpointId} (ids keep their numbers: {@code s:7} becomes {@code new:7}), replay results
     * included, leaving the original as it is.
     *
     * @return whether the fork was made; false with no agent, for an unknown checkpoint, or when
     *     {@code newSessionId} exists (the agent logs why)
     */
    public static boolean fork(String sessionId, String checkpointId, String newSessionId) {
        AgentBridge bridge = AgentBridge.find();
        return bridge != null && Boolean.TRUE.equals(bridge.invoke(bridge.fork, sessionId, checkpointId, newSessionId));
    }

    /**
     * Says the session's work is done: the results its replay steps recorded are released, and its
     * checkpoints follow the usual retention from now on. Call it when a job finishes, so a later run
     * with the same session name runs its steps instead of replaying them.
     *
     * @return whether the agent took note; false with no agent
     */
    public static boolean complete(String sessionId) {
        AgentBridge bridge = AgentBridge.find();
        return bridge != null && Boolean.TRUE.equals(bridge.invoke(bridge.complete, sessionId));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return map instanceof Map<?, ?> ? (Map<String, Object>) map : null;
    }

    /** A session scope; {@link #close()} restores the scope that was current before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** Ends the scope; never throws. */
        @Override
        void close();
    }

    /** The agent's dispatcher, found on the bootstrap class path only, with its entry points. */
    static final class AgentBridge {
        private static final String DISPATCHER = "org.breakpilot.checkpoint.agent.bootstrap.Dispatcher";
        private static final long RETRY_NANOS = 1_000_000_000L;
        private static volatile AgentBridge found;
        private static volatile boolean missing;
        private static volatile long nextLookup;

        final MethodHandle openSession;
        final MethodHandle currentSession;
        final MethodHandle stepKey;
        final MethodHandle create;
        final MethodHandle summaryJson;
        final MethodHandle exportJson;
        final MethodHandle latest;
        final MethodHandle history;
        final MethodHandle rollbackTo;
        final MethodHandle rewindTo;
        final MethodHandle fork;
        final MethodHandle complete;

        AgentBridge(Class<?> dispatcher) throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            openSession = lookup.findStatic(dispatcher, "openSession", MethodType.methodType(AutoCloseable.class, String.class));
            currentSession = lookup.findStatic(dispatcher, "currentSession", MethodType.methodType(String.class));
            stepKey = lookup.findStatic(dispatcher, "stepKey", MethodType.methodType(String.class));
            create = lookup.findStatic(dispatcher, "create", MethodType.methodType(String.class, String.class, Map.class));
            summaryJson = lookup.findStatic(dispatcher, "summaryJson", MethodType.methodType(String.class, String.class));
            exportJson = lookup.findStatic(dispatcher, "exportJson", MethodType.methodType(String.class, String.class));
            latest = lookup.findStatic(dispatcher, "latest", MethodType.methodType(Map.class, String.class, String.class));
            history = lookup.findStatic(dispatcher, "history", MethodType.methodType(List.class, String.class));
            rollbackTo = lookup.findStatic(dispatcher, "rollbackTo",
                    MethodType.methodType(Map.class, String.class, String.class));
            rewindTo = lookup.findStatic(dispatcher, "rewindTo", MethodType.methodType(int.class, String.class, String.class));
            fork = lookup.findStatic(dispatcher, "fork",
                    MethodType.methodType(boolean.class, String.class, String.class, String.class));
            complete = lookup.findStatic(dispatcher, "complete", MethodType.methodType(boolean.class, String.class));
        }

        /** The bridge, or null while no agent is loaded; looks again at most once a second (attach). */
        static AgentBridge find() {
            AgentBridge bridge = found;
            if (bridge != null || (missing && System.nanoTime() - nextLookup < 0)) {
                return bridge;
            }
            try {
                found = new AgentBridge(Class.forName(DISPATCHER, true, null));
            } catch (ReflectiveOperationException | LinkageError absent) {
                nextLookup = System.nanoTime() + RETRY_NANOS;
                missing = true;
            }
            return found;
        }

        Object invoke(MethodHandle entry, Object... arguments) {
            try {
                return entry.invokeWithArguments(arguments);
            } catch (Throwable agentFailure) {
                // The dispatcher catches its own failures; this guards the application regardless.
                return null;
            }
        }
    }
}
