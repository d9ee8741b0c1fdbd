package org.breakpilot.checkpoint.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.breakpilot.checkpoint.agent.options.AgentOptions;
import org.breakpilot.checkpoint.agent.recording.CheckpointRecorder;
import org.breakpilot.checkpoint.agent.recording.SessionRegistry;
import org.breakpilot.checkpoint.agent.weaving.MethodFacts;
import org.breakpilot.checkpoint.agent.weaving.MethodRegistry;
import org.breakpilot.checkpoint.internal.IsoTimestamps;
import org.breakpilot.checkpoint.jmx.AgentMXBean;
import org.breakpilot.checkpoint.jmx.InstrumentedMethod;
import org.breakpilot.checkpoint.store.CheckpointStore;

/** The running agent as its {@link AgentMXBean} shows it. */
final class AgentStatus implements AgentMXBean {

    private final AgentOptions options;
    private final SessionRegistry sessions;
    private final MethodRegistry methods;
    private final CheckpointRecorder recorder;
    private final CheckpointStore store;
    private final Instant started = Instant.now();
    private final boolean attached;

    AgentStatus(AgentOptions options, SessionRegistry sessions, MethodRegistry methods, CheckpointRecorder recorder,
                CheckpointStore store, boolean attached) {
        this.store = store;
        this.options = options;
        this.sessions = sessions;
        this.methods = methods;
        this.recorder = recorder;
        this.attached = attached;
    }

    @Override
    public String getVersion() {
        String version = AgentStatus.class.getPackage().getImplementationVersion();
        return version == null ? "unknown (not run from the agent jar)" : version;
    }

    @Override
    public Map<String, String> getOptions() {
        return options.effective();
    }

    @Override
    public String getJdk() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
    }

    @Override
    public String[] getSessions() {
        return sessions.ids().stream().sorted().toArray(String[]::new);
    }

    @Override
    public boolean loadSession(String session) {
        return sessions.load(session);
    }

    @Override
    public InstrumentedMethod[] getInstrumentedMethods() {
        List<MethodFacts> all = methods.all();
        return all.stream().map(m -> new InstrumentedMethod(m.className(), m.methodName(), m.checkpointName()))
                .toArray(InstrumentedMethod[]::new);
    }

    @Override
    public long getRecorded() {
        return recorder.recorded();
    }

    @Override
    public long getCaptureFailures() {
        return recorder.failures();
    }

    @Override
    public long getDropped() {
        return store.dropped();
    }

    @Override
    public String getStore() {
        return store.describe();
    }

    @Override
    public long getReplayed() {
        return recorder.replayed();
    }

    @Override
    public String getStartTime() {
        return IsoTimestamps.format(started);
    }

    @Override
    public boolean isAttached() {
        return attached;
    }
}
