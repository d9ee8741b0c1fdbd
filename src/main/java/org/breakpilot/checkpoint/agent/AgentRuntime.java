package org.breakpilot.checkpoint.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.breakpilot.checkpoint.agent.options.AgentOptions;
import org.breakpilot.checkpoint.agent.recording.ApplicationLibraries;
import org.breakpilot.checkpoint.agent.recording.ApplicationQueries;
import org.breakpilot.checkpoint.agent.recording.CheckpointRecorder;
import org.breakpilot.checkpoint.agent.recording.SessionExporter;
import org.breakpilot.checkpoint.agent.recording.IdleSessions;
import org.breakpilot.checkpoint.agent.recording.SessionRegistry;
import org.breakpilot.checkpoint.agent.recording.StepReplayer;
import org.breakpilot.checkpoint.agent.recording.TaskPropagation;
import org.breakpilot.checkpoint.agent.weaving.CandidateGate;
import org.breakpilot.checkpoint.agent.weaving.CheckpointInstrumentation;
import org.breakpilot.checkpoint.agent.weaving.LoadedClassFiles;
import org.breakpilot.checkpoint.agent.weaving.MethodFactsReader;
import org.breakpilot.checkpoint.agent.weaving.MethodRegistry;
import org.breakpilot.checkpoint.internal.ErrorValues;
import org.breakpilot.checkpoint.agent.bootstrap.Dispatcher;
import org.breakpilot.checkpoint.capture.Redaction;
import org.breakpilot.checkpoint.store.CheckpointStore;

/**
 * The agent in this JVM, once the dispatcher is in the boot loader: one object, made by the first start,
 * that holds what outlives a detach (the sessions, their store and JMX beans, replay) and the current
 * {@link Installation} while one runs. An installation is the recorder behind the dispatcher and the
 * {@link CandidateGate} as the one registered transformer (Byte Buddy is built only when the gate first
 * sees a candidate). At most one runs per JVM; after a detach, a later attach installs a new one over the
 * same sessions, which stay readable over JMX in between. All methods are called under the class's lock.
 */
final class AgentRuntime {

    /** Classes retransformed at a time on attach and detach, so the application never stalls long. */
    private static final int BATCH = 50;

    /** This JVM's runtime, or null before the first start. */
    private static AgentRuntime instance;

    private final AgentJmx jmx;
    private final CheckpointStore store;
    private final SessionRegistry sessions;
    private final StepReplayer replayer;
    private boolean exportHookAdded;
    /** The running installation, or null while detached. */
    private Installation running;

    private AgentRuntime(AgentOptions options, Redaction redaction) {
        jmx = new AgentJmx(options);
        store = StoreOpener.open(options.journal(), options.postgres());
        sessions = new SessionRegistry(options.retention(), store, options.session(), jmx);
        jmx.forkInto(sessions);
        replayer = new StepReplayer(sessions, options.replayStrict(), redaction);
        sessions.alsoOnUnloaded(jmx::unloaded);
        IdleSessions.startIfUnloading(sessions);
        Runtime.getRuntime().addShutdownHook(new CloseStore(store));
    }

    /** Whether an agent runs (started and not detached). */
    static synchronized boolean isRunning() {
        return instance != null && instance.running != null;
    }

    /**
     * The options of {@code requested} whose effective values differ from the running agent's, as
     * {@code key='value' (running: 'value')} separated by {@code ", "}; empty when none differ or no agent runs.
     */
    static synchronized String unapplied(AgentOptions requested) {
        if (!isRunning()) {
            return "";
        }
        Map<String, String> current = instance.running.options.effective();
        StringJoiner differences = new StringJoiner(", ");
        for (Map.Entry<String, String> option : requested.effective().entrySet()) {
            String value = current.get(option.getKey());
            if (!option.getValue().equals(value)) {
                differences.add(option.getKey() + "=" + ErrorValues.quoted(option.getValue()) + " (running: "
                        + ErrorValues.quoted(value) + ")");
            }
        }
        return differences.toString();
    }

    /**
     * Starts the agent; when {@code attached}, also instruments the annotated classes already loaded.
     *
     * @return what happened, in one line
     */
    static synchronized String start(AgentOptions options, Instrumentation instrumentation, boolean attached) {
        if (isRunning()) {
            return "already running: the agent is loaded once per JVM (detach it first to change options)";
        }
        Redaction redaction = Redaction.of(options.redact());
        if (instance == null) {
            // Sessions and their store outlive a detach: a later attach resumes them as they are.
            instance = new AgentRuntime(options, redaction);
        }
        return instance.install(options, instrumentation, attached, redaction);
    }

    /**
     * Stops recording and restores the original bytecode of every class the agent changed; the
     * sessions stay readable over JMX.
     *
     * @return what happened, in one line; null when no agent runs
     */
    static synchronized String detach() {
        if (!isRunning()) {
            return null;
        }
        Installation stopping = instance.running;
        instance.running = null;
        return stopping.uninstall();
    }

    private String install(AgentOptions options, Instrumentation instrumentation, boolean attached,
                           Redaction redaction) {
        MethodRegistry registry = new MethodRegistry();
        ApplicationLibraries application = new ApplicationLibraries();
        CheckpointRecorder recorder = new CheckpointRecorder(registry, sessions, options.limits(), redaction, replayer,
                application, options.sessionMdcKey());
        Dispatcher.install(recorder, new ApplicationQueries(sessions, replayer, recorder));
        jmx.publishAgent(new AgentStatus(options, sessions, registry, recorder, store, attached));

        List<String> markingAnnotations = options.marking().annotationTypes();
        markingAnnotations.add(MethodFactsReader.CHECKPOINT);
        CandidateGate gate = new CandidateGate(markingAnnotations, options.marking().selectedTypes(),
                new ByteBuddyFactory(options, registry, redaction, application));
        instrumentation.addTransformer(gate, true);
        TaskPropagation propagation = new TaskPropagation(instrumentation);
        Dispatcher.followScopesWith(propagation);
        running = new Installation(options, instrumentation, gate, propagation);

        if (options.exportOnExit() != null && !exportHookAdded) {
            // Once per JVM: sessions outlive a detach, and a second hook would write the same files.
            Runtime.getRuntime().addShutdownHook(new ExportOnExit(sessions, new SessionExporter(options.exportOnExit())));
            exportHookAdded = true;
        }
        if (!attached) {
            return "started";
        }
        int retransformed = running.retransform(running.loadedCandidates());
        return "attached; " + retransformed + " loaded classes instrumented";
    }

    /** One start or attach: its options and what it registered with the JVM, which a detach takes back. */
    private static final class Installation {
        private final AgentOptions options;
        private final Instrumentation instrumentation;
        private final CandidateGate gate;
        private final TaskPropagation propagation;

        Installation(AgentOptions options, Instrumentation instrumentation, CandidateGate gate,
                     TaskPropagation propagation) {
            this.options = options;
            this.instrumentation = instrumentation;
            this.gate = gate;
            this.propagation = propagation;
        }

        /** Stops recording and restores what this installation changed; returns what happened, in one line. */
        String uninstall() {
            Dispatcher.install(null, null);
            Dispatcher.followScopesWith(null);
            int jdkRestored = propagation.stop();
            instrumentation.removeTransformer(gate);
            List<Class<?>> changed = new ArrayList<>();
            for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
                if (gate.transformed(loaded.getName().replace('.', '/'))) {
                    changed.add(loaded);
                }
            }
            int restored = retransform(changed);
            return "detached; " + restored + " classes restored to their original bytecode"
                    + (jdkRestored == 0 ? "" : ", and " + jdkRestored + " JDK classes that carried session scopes");
        }

        /** Loaded classes whose class files mark them as candidates, found as the gate finds them. */
        private List<Class<?>> loadedCandidates() {
            List<Class<?>> candidates = new ArrayList<>();
            try (LoadedClassFiles classFiles = new LoadedClassFiles()) {
                for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
                    ClassLoader loader = loaded.getClassLoader();
                    if (loader == null || loaded.isArray() || loaded.isHidden()
                            || !instrumentation.isModifiableClass(loaded)) {
                        continue;
                    }
                    String internalName = loaded.getName().replace('.', '/');
                    if (CandidateGate.neverCandidate(internalName)) {
                        continue;
                    }
                    byte[] bytes = classFiles.classFile(loaded, internalName);
                    if (bytes != null && isCandidate(loader, internalName, bytes)) {
                        candidates.add(loaded);
                    }
                }
            }
            return candidates;
        }

        private boolean isCandidate(ClassLoader loader, String internalName, byte[] bytes) {
            try {
                return gate.isCandidate(loader, internalName, bytes);
            } catch (RuntimeException malformed) {
                return false;
            }
        }

        /** Retransforms in batches; a batch that fails is retried class by class. Returns how many succeeded. */
        private int retransform(List<Class<?>> classes) {
            int done = 0;
            for (int from = 0; from < classes.size(); from += BATCH) {
                List<Class<?>> batch = classes.subList(from, Math.min(classes.size(), from + BATCH));
                try {
                    instrumentation.retransformClasses(batch.toArray(Class<?>[]::new));
                    done += batch.size();
                } catch (Exception | LinkageError batchFailed) {
                    for (Class<?> single : batch) {
                        try {
                            instrumentation.retransformClasses(single);
                            done++;
                        } catch (Exception | LinkageError unmodifiable) {
                            // Left as it is; the class keeps working, only unrecorded (or still recorded).
                        }
                    }
                }
            }
            return done;
        }
    }

    // Named classes rather than lambdas: a first lambda in premain bootstraps invokedynamic machinery,
    // which every start-up would pay.

    /** Builds the Byte Buddy transformer when the gate first needs it. */
    private record ByteBuddyFactory(AgentOptions options, MethodRegistry registry, Redaction redaction,
                                    ApplicationLibraries application) implements Supplier<ClassFileTransformer> {
        @Override
        public ClassFileTransformer get() {
            return new CheckpointInstrumentation(options, registry,
                    new MethodFactsReader(options.marking(), redaction), (loader, id) -> application.register(id, loader))
                    .transformer();
        }
    }

    /**
     * Writes what the journal has pending and releases it at exit. The store stays usable: a checkpoint
     * another hook makes later is written by the thread that makes it.
     */
    private static final class CloseStore extends Thread {
        private final CheckpointStore store;

        CloseStore(CheckpointStore store) {
            super("checkpoint-agent-close-store");
            this.store = store;
        }

        @Override
        public void run() {
            store.close();
        }
    }

    /** Writes every session's export at exit, and again for each session that changes until the JVM halts. */
    private static final class ExportOnExit extends Thread {
        private final SessionRegistry sessions;
        private final SessionExporter exporter;

        ExportOnExit(SessionRegistry sessions, SessionExporter exporter) {
            super("checkpoint-agent-export");
            this.sessions = sessions;
            this.exporter = exporter;
        }

        @Override
        public void run() {
            exporter.exportAtExit(sessions);
        }
    }
}
