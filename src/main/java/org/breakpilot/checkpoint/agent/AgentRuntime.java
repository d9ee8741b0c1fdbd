package org.breakpilot.checkpoint.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
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
        SessionRegistry sessions = new SessionRegistry(options.retention(), options.session());
        Dispatcher.install(new CheckpointRecorder(registry, sessions, options.limits(), redaction));

        List<String> markingAnnotations = new ArrayList<>(options.annotations());
        markingAnnotations.add(MethodFactsReader.CHECKPOINT);
        CandidateGate gate = new CandidateGate(markingAnnotations, options.methods().keySet(),
                () -> new CheckpointInstrumentation(options, registry,
                        new MethodFactsReader(options.annotations(), redaction)).transformer());
        instrumentation.addTransformer(gate, true);

        if (options.exportOnExit() != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> SessionExporter.exportAll(sessions, options.exportOnExit()), "checkpoint-agent-export"));
        }
    }
}
