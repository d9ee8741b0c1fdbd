package org.breakpilot.checkpoint.agent.recording;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.agent.bootstrap.CheckpointSink;
import org.breakpilot.checkpoint.agent.bootstrap.Dispatcher;
import org.breakpilot.checkpoint.agent.weaving.MethodFacts;
import org.breakpilot.checkpoint.agent.weaving.MethodRegistry;
import org.breakpilot.checkpoint.capture.Redaction;
import org.breakpilot.checkpoint.capture.CaptureLimits;
import org.breakpilot.checkpoint.capture.ValueCapture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns instrumented calls into checkpoints: captures arguments at entry, result or error at exit,
 * and creates the checkpoint in the call's session. A failure of ours is counted and logged once per
 * method, and never reaches the application (the dispatcher guards that too).
 */
public final class CheckpointRecorder implements CheckpointSink {

    /** The logger, made on first use: SLF4J's start-up would otherwise be paid in premain. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(CheckpointRecorder.class);
    }

    private final MethodRegistry methods;
    private final SessionRegistry sessions;
    private final ValueCapture capture;
    private final StepReplayer replayer;
    private final ApplicationLibraries application;
    private final String sessionMdcKey;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Map<Integer, Boolean> methodsThatFailed = new ConcurrentHashMap<>();

    public CheckpointRecorder(MethodRegistry methods, SessionRegistry sessions, CaptureLimits limits, Redaction redaction,
                       StepReplayer replayer, ApplicationLibraries application, String sessionMdcKey) {
        this.methods = methods;
        this.sessions = sessions;
        // Cheap to make: Jackson starts only when a bean is first captured.
        this.capture = new ValueCapture(limits, redaction);
        this.replayer = replayer;
        this.application = application;
        this.sessionMdcKey = sessionMdcKey;
    }

    /**
     * What entry hands to exit.
     *
     * @param replayCall    the call's number among its replay step's calls, or 0 for other methods
     * @param argumentsHash the hash replay compares, or null for other methods
     * @param trace         the application's span current at entry, or null
     * @param flightEvent   the JFR event begun at entry, or null when no recording enables it
     */
    private record CallState(String session, long startNanos, Map<String, Object> arguments, long replayCall,
                             String argumentsHash, String replayParent, ApplicationTrace.Ids trace,
                             CheckpointEvent flightEvent) {
    }

    @Override
    public Object enter(int methodId, Object[] arguments, Class<?> type, String scopeSession) {
        MethodFacts facts = methods.get(methodId);
        if (facts == null) {
            return null;
        }
        if (type != null) {
            return enterReplayStep(methodId, facts, arguments, type, scopeSession);
        }
        try {
            String session = sessionOf(methodId, facts, arguments, scopeSession);
            ApplicationTrace.Ids trace = application.currentTrace(methodId);
            Map<String, Object> captured = facts.captureArguments()
                    ? capture.captureArguments(facts.parameterNames(), arguments, facts.redacted())
                    : null;
            if (facts.atEntry()) {
                record(facts, session, new CallEntries.CallData(captured, false, null, null),
                        new CallEntries.CallMetadata(facts, Thread.currentThread().getName(), -1, "entered", trace), null,
                        "entered");
            }
            CallState state = facts.atExit() ? new CallState(session, System.nanoTime(), captured, 0, null, null, trace,
                    FlightRecorderEvents.begin()) : null;
            return Dispatcher.openCallScope(state, session, null);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fail(methodId, facts, e);
            return null;
        }
    }

    private Object enterReplayStep(int methodId, MethodFacts facts, Object[] arguments, Class<?> type,
                                   String scopeSession) {
        try {
            String named = sessionOf(methodId, facts, arguments, scopeSession);
            String session = sessions.resolve(named);
            ApplicationTrace.Ids trace = application.currentTrace(methodId);
            // Captured whether or not args are recorded: the hash is what tells a changed call.
            ValueCapture.ReplayArguments replayArguments = capture.captureReplayArguments(facts.parameterNames(),
                    arguments, facts.redacted());
            Map<String, Object> captured = replayArguments.captured();
            String hash = replayer.hash(replayArguments);
            // The replay step this one runs inside, if any: replaying that one skips this one's calls too.
            String parent = Dispatcher.stepKey();
            long call = replayer.nextCall(session, facts.checkpointName());
            Object replayed = replayer.replay(methodId, facts, type, session, call, hash);
            if (replayed != null) {
                return replayed;
            }
            CallState state = new CallState(session, System.nanoTime(), facts.captureArguments() ? captured : null, call,
                    hash, parent, trace, FlightRecorderEvents.begin());
            return Dispatcher.openCallScope(state, named, session + ":" + facts.checkpointName() + ":" + call);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fail(methodId, facts, e);
            return null;
        }
    }

    @Override
    public void exit(int methodId, Object enterState, Object result, Throwable thrown) {
        MethodFacts facts = methods.get(methodId);
        if (facts == null || !(enterState instanceof CallState call)) {
            return;
        }
        if (thrown instanceof StackOverflowError) {
            // The stack is all but used up: recording would take locks (queues, the executor) and load
            // classes that a further overflow can leave broken, and the JVM complains on stderr.
            failures.incrementAndGet();
            return;
        }
        try {
            long duration = System.nanoTime() - call.startNanos();
            Map<String, Object> error = thrown == null ? null
                    : new CallEntries.CallError(thrown.getClass().getName(), capture.capture(thrown.getMessage()));
            boolean hasResult = thrown == null && facts.captureResult();
            Object recordedResult = null;
            Object resultFields = null;
            Boolean complete = null;
            if (hasResult && call.replayCall() > 0) {
                StepReplayer.RecordedResult recorded = replayer.recordedResult(methodId, result);
                recordedResult = recorded.captured();
                resultFields = recorded.fields();
                complete = recorded.complete();
            } else if (hasResult) {
                recordedResult = capture.capture(result);
            }
            Map<String, Object> data = call.arguments() == null && !hasResult && error == null ? CallEntries.CallData.NOTHING
                    : new CallEntries.CallData(call.arguments(), hasResult, recordedResult, resultFields, error);
            String thread = Thread.currentThread().getName();
            String outcome = thrown == null ? "returned" : "threw";
            Map<String, Object> metadata = call.replayCall() > 0
                    ? new CallEntries.ReplayStepMetadata(facts, thread, duration, outcome, call.trace(), call.replayCall(),
                            call.argumentsHash(), complete, call.replayParent())
                    : new CallEntries.CallMetadata(facts, thread, duration, outcome, call.trace());
            record(facts, call.session(), data, metadata, call.flightEvent(), outcome);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fail(methodId, facts, e);
        }
    }

    public long replayed() {
        return replayer.replayed();
    }

    public long recorded() {
        return recorded.get();
    }

    public long failures() {
        return failures.get() + application.failures();
    }

    /** Counts a checkpoint the application created by hand. */
    void countCreated() {
        recorded.incrementAndGet();
    }

    /** Counts a checkpoint the application tried to create by hand and that was not recorded. */
    void countFailure() {
        failures.incrementAndGet();
    }

    /**
     * Records the checkpoint; while a JFR recording enables checkpoint events, also commits {@code flightEvent}
     * (begun at the call's entry) or an instant event, which needs the checkpoint's record for its id.
     */
    private void record(MethodFacts facts, String session, Map<String, Object> data, Map<String, Object> metadata,
                        CheckpointEvent flightEvent, String outcome) {
        if (flightEvent == null && !FlightRecorderEvents.enabled()) {
            sessions.change(session, manager -> {
                manager.record(facts.checkpointName(), data, metadata);
                return null;
            });
        } else {
            Checkpoint made = sessions.change(session, manager -> manager.create(facts.checkpointName(), data, metadata));
            if (flightEvent != null) {
                FlightRecorderEvents.commit(flightEvent, sessions.resolve(session), made, outcome);
            } else {
                FlightRecorderEvents.instant(sessions.resolve(session), made, outcome);
            }
        }
        recorded.incrementAndGet();
    }

    /**
     * The {@code @SessionId} argument, else the scope's session, else (with {@code sessionFrom}) the
     * application's MDC value; null leaves it to the default session.
     */
    private String sessionOf(int methodId, MethodFacts facts, Object[] arguments, String scopeSession) {
        if (facts.sessionParameter() >= 0 && arguments[facts.sessionParameter()] != null) {
            return String.valueOf(arguments[facts.sessionParameter()]);
        }
        if (scopeSession != null || sessionMdcKey == null) {
            return scopeSession;
        }
        return application.mdcValue(methodId, sessionMdcKey);
    }

    private void fail(int methodId, MethodFacts facts, Throwable e) {
        failures.incrementAndGet();
        // Logging with no stack left would itself overflow, inside the logger's or System.err's lock.
        if (!(e instanceof StackOverflowError) && methodsThatFailed.putIfAbsent(methodId, Boolean.TRUE) == null) {
            Log.LOG.warn("Could not record a call of {}.{}; further failures of this method are only counted",
                    facts.className(), facts.methodName(), e);
        }
    }
}
