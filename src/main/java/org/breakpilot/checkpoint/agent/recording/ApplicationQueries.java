package org.breakpilot.checkpoint.agent.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.agent.bootstrap.SessionQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what the application asks of its sessions through the {@code api} facade: checkpoints created
 * by hand, summaries, exports, history and recovery look-ups, rewind, fork and completion. Values go back
 * as {@link MutableCopies} the application owns. Never throws for a refused request: it answers null,
 * -1 or false, and logs what a user should know.
 */
public final class ApplicationQueries implements SessionQueries {

    /** The logger, made on first use: SLF4J's start-up would otherwise be paid in premain. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ApplicationQueries.class);
    }

    private final SessionRegistry sessions;
    private final StepReplayer replayer;
    private final CheckpointRecorder counters;

    /** @param counters the recorder whose counters include checkpoints created by hand */
    public ApplicationQueries(SessionRegistry sessions, StepReplayer replayer, CheckpointRecorder counters) {
        this.sessions = sessions;
        this.replayer = replayer;
        this.counters = counters;
    }

    @Override
    public String create(String session, String name, Map<String, ?> data) {
        try {
            Checkpoint made = sessions.change(session, manager -> manager.create(name, data));
            FlightRecorderEvents.instant(sessions.resolve(session), made, "created");
            String id = made.id();
            counters.countCreated();
            return id;
        } catch (RuntimeException e) {
            counters.countFailure();
            Log.LOG.warn("Checkpoints.create(\"{}\") was not recorded: {}", name, e.getMessage());
            return null;
        }
    }

    @Override
    public String summaryJson(String session) {
        CheckpointManager manager = sessions.existing(session);
        return manager == null ? null : manager.getSummary().toJson();
    }

    @Override
    public String exportJson(String session) {
        CheckpointManager manager = sessions.existing(session);
        return manager == null ? null : manager.exportJson();
    }

    @Override
    public Map<String, Object> latest(String session, String name) {
        CheckpointManager manager = sessions.existing(session);
        Optional<Checkpoint> latest = manager == null ? Optional.empty() : manager.getLatest(name);
        return latest.map(MutableCopies::of).orElse(null);
    }

    @Override
    public List<Map<String, Object>> history(String session) {
        CheckpointManager manager = sessions.existing(session);
        List<Map<String, Object>> history = new ArrayList<>();
        if (manager != null) {
            manager.getAll().forEach(checkpoint -> history.add(MutableCopies.of(checkpoint)));
        }
        return history;
    }

    @Override
    public Map<String, Object> rollbackTo(String session, String id) {
        CheckpointManager manager = sessions.existing(session);
        return manager == null ? null : manager.rollbackTo(id).map(MutableCopies::copy).orElse(null);
    }

    @Override
    public int rewindTo(String session, String id) {
        if (sessions.existing(session) == null) {
            return -1;
        }
        try {
            return sessions.change(session, manager -> manager.get(id).isEmpty() ? -1 : manager.rewindTo(id));
        } catch (IllegalArgumentException goneMeanwhile) {
            return -1;
        }
    }

    @Override
    public boolean fork(String session, String id, String newSession) {
        try {
            sessions.fork(session, id, newSession);
            return true;
        } catch (IllegalArgumentException refused) {
            Log.LOG.warn("Checkpoints.fork(\"{}\", \"{}\", \"{}\") refused: {}", session, id, newSession,
                    refused.getMessage());
            return false;
        }
    }

    @Override
    public void complete(String session) {
        replayer.complete(session);
        sessions.complete(session);
    }
}
