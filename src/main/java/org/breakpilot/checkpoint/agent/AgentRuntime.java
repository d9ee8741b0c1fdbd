package org.breakpilot.checkpoint.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.breakpilot.checkpoint.agent.bootstrap.Dispatcher;
import org.breakpilot.checkpoint.json.Redaction;

/**
 * Wires the running agent once the dispatcher is on the bootstrap class path: the recorder behind the
 * dispatcher, and the {@link CandidateGate} as the one registered transformer. Byte Buddy is built
 * only when the gate first sees a candidate class.
 */
final class AgentRuntime {

    private AgentRuntime() {
    }

    static void start(AgentOptions options, Instrumentation instrumentation) {
        Redaction redaction = Redaction.of(options.redact());
        MethodRegistry registry = new MethodRegistry();
        AgentJmx jmx = new AgentJmx(options);
        SessionRegistry sessions = new SessionRegistry(options.retention(), options.session(), jmx);
        CheckpointRecorder recorder = new CheckpointRecorder(registry, sessions, options.limits(), redaction);
        Dispatcher.install(recorder);
        jmx.publishAgent(new AgentStatus(options, sessions, registry, recorder, false));

        List<String> markingAnnotations = new ArrayList<>(options.annotations());
        markingAnnotations.add(MethodFactsReader.CHECKPOINT);
        CandidateGate gate = new CandidateGate(markingAnnotations, options.methods().keySet(),
                new ByteBuddyFactory(options, registry, redaction));
        instrumentation.addTransformer(gate, true);

        if (options.exportOnExit() != null) {
            Runtime.getRuntime().addShutdownHook(new ExportOnExit(sessions, options.exportOnExit()));
        }
    }

    // Named classes rather than lambdas: a first lambda in premain bootstraps invokedynamic machinery,
    // which every start-up would pay.

    /** Builds the Byte Buddy transformer when the gate first needs it. */
    private record ByteBuddyFactory(AgentOptions options, MethodRegistry registry, Redaction redaction)
            implements Supplier<ClassFileTransformer> {
        @Override
        public ClassFileTransformer get() {
            return new CheckpointInstrumentation(options, registry,
                    new MethodFactsReader(options.annotations(), redaction)).transformer();
        }
    }

    /** Writes every session's export at exit. */
    private static final class ExportOnExit extends Thread {
        private final SessionRegistry sessions;
        private final Path directory;

        ExportOnExit(SessionRegistry sessions, Path directory) {
            super("checkpoint-agent-export");
            this.sessions = sessions;
            this.directory = directory;
        }

        @Override
        public void run() {
            SessionExporter.exportAll(sessions, directory);
        }
    }
}
