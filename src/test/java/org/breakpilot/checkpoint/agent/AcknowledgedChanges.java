package org.breakpilot.checkpoint.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.breakpilot.checkpoint.Checkpoint;
import org.breakpilot.checkpoint.internal.CheckpointIds;
import org.breakpilot.checkpoint.store.JournalInspector;

/**
 * The oracle of the crash soak: the exact checkpoints each session must hold, worked out from the
 * lines {@link org.breakpilot.testhost.CrashWriter} printed (a change's line only after it returned,
 * a rewind's or fork's intent before it starts). A session holds the ids acknowledged and not cut by a later acknowledged rewind, and a
 * fork holds its source's ids up to the fork point. The one change per session that was under way
 * when the kill came may have landed or not: both outcomes are allowed, nothing in between. After each
 * run the journal must show one allowed outcome per session, and that outcome is what the next run
 * starts from. Ids must only grow within a session: never reused, not after a rewind, not after a restart.
 */
final class AcknowledgedChanges {

    /** What the model knows of one session. */
    private static final class Session {
        final List<String> ids = new ArrayList<>();
        /** The highest n of an id {@code <session>:<n>} seen in it, acknowledged or landed unacknowledged. */
        long highest;
        /** The rewind or fork that started and did not return, or null (then a create may be under way). */
        String[] pending;
    }

    /** What is counted, in the order the report gives it. */
    private static final List<String> FIGURES = List.of("acknowledged creates", "acknowledged rewinds",
            "acknowledged forks", "offline rewinds", "creates under way at a kill that landed",
            "rewinds under way at a kill that landed", "rewinds under way at a kill that did not land",
            "forks under way at a kill that landed", "forks under way at a kill that did not land");

    private final Map<String, Session> sessions = new LinkedHashMap<>();
    /** The sessions whose writer thread started in the latest run: only they can have had a create under way. */
    private final Set<String> writing = new TreeSet<>();
    private final Map<String, Integer> figures = new LinkedHashMap<>();

    /** Applies one run's lines, in their order; fails on any that contradicts the model. */
    void apply(List<String> lines) {
        writing.clear();
        for (String line : lines) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "state" -> restored(words);
                case "ack" -> created(words[1]);
                case "rewind?", "fork?" -> started(words);
                case "rewound" -> rewound(words[1], words[2], Integer.parseInt(words[3]), "acknowledged rewinds");
                case "forked" -> forked(words[1], words[2], words[3], Boolean.parseBoolean(words[4]));
                default -> fail("the writer printed '" + line + "'");
            }
        }
    }

    private void restored(String[] words) {
        String id = words[1];
        writing.add(id);
        List<String> history = List.of(words).subList(2, words.length);
        assertEquals(session(id).ids, history, "session " + id + " as the restarted JVM restored it");
    }

    private void created(String id) {
        String sessionId = id.substring(0, id.lastIndexOf(':'));
        Session session = session(sessionId);
        long number = CheckpointIds.number(sessionId, id);
        assertTrue(number > session.highest, "id " + id + " handed out after id number " + session.highest
                + " of its session: ids must keep counting, after rewinds and restarts too");
        session.ids.add(id);
        session.highest = number;
        count("acknowledged creates");
    }

    private void started(String[] words) {
        Session session = session(words[1]);
        assertTrue(session.ids.contains(words[2]), words[0] + " to " + words[2] + ", which the model does not hold");
        session.pending = words;
    }

    /** A rewind made by {@code journal rewind} while no JVM ran, which said it removed {@code removed} checkpoints. */
    void rewoundOffline(String sessionId, String id, int removed) {
        rewound(sessionId, id, removed, "offline rewinds");
    }

    private void rewound(String sessionId, String id, int removed, String figure) {
        Session session = session(sessionId);
        List<String> after = session.ids.subList(session.ids.indexOf(id) + 1, session.ids.size());
        assertEquals(after.size(), removed, "checkpoints removed by rewinding " + sessionId + " to " + id);
        after.clear();
        session.pending = null;
        count(figure);
    }

    private void forked(String sessionId, String id, String fork, boolean made) {
        assertTrue(made, "fork of " + sessionId + " at " + id + " into " + fork + " refused");
        assertFalse(sessions.containsKey(fork), "fork " + fork + " made twice");
        session(fork).ids.addAll(forkOf(sessionId, id, fork));
        session(sessionId).pending = null;
        count("acknowledged forks");
    }

    /** The ids a fork of {@code sessionId} at {@code id} into {@code fork} holds. */
    private List<String> forkOf(String sessionId, String id, String fork) {
        List<String> source = session(sessionId).ids;
        List<String> ids = new ArrayList<>();
        for (String through : source.subList(0, source.indexOf(id) + 1)) {
            ids.add(fork + ":" + CheckpointIds.number(sessionId, through));
        }
        return ids;
    }

    /**
     * Checks that the journal shows, for every session, one outcome the acknowledged changes allow, and
     * no session the writer did not make; takes those outcomes as the state the next run starts from.
     */
    void reconcile(JournalInspector journal) {
        Map<String, List<String>> stored = new HashMap<>();
        Map<String, Long> lastIdNumbers = new HashMap<>();
        for (JournalInspector.SessionInfo info : journal.sessions()) {
            List<Checkpoint> checkpoints = journal.session(info.id()).orElseThrow().getAll();
            stored.put(info.id(), checkpoints.stream().map(Checkpoint::id).toList());
            lastIdNumbers.put(info.id(), info.lastIdNumber());
        }
        Map<String, List<String>> forksUnderWay = new HashMap<>();
        for (Map.Entry<String, Session> entry : new ArrayList<>(sessions.entrySet())) {
            String id = entry.getKey();
            Session session = entry.getValue();
            List<String> actual = stored.getOrDefault(id, List.of());
            String[] pending = session.pending;
            session.pending = null;
            if (pending != null && pending[0].equals("fork?")) {
                forksUnderWay.put(pending[3], forkOf(id, pending[2], pending[3]));
            }
            adopt(id, session, actual, pending);
            long counter = lastIdNumbers.getOrDefault(id, 0L);
            assertTrue(counter >= session.highest, "session " + id + " restores its id counter at " + counter
                    + ", below id number " + session.highest + " it handed out");
        }
        for (String id : stored.keySet()) {
            if (sessions.containsKey(id)) {
                continue;
            }
            List<String> fork = forksUnderWay.remove(id);
            assertEquals(fork, stored.get(id), "session " + id + " in the journal, not made by an acknowledged fork or"
                    + " as the one under way");
            session(id).ids.addAll(fork);
            count("forks under way at a kill that landed");
        }
        forksUnderWay.keySet().forEach(lost -> count("forks under way at a kill that did not land"));
    }

    /** Takes {@code actual} as the session's state if the changes allow it; fails naming what they allow. */
    private void adopt(String id, Session session, List<String> actual, String[] pending) {
        boolean rewinding = pending != null && pending[0].equals("rewind?");
        if (actual.equals(session.ids)) {
            if (rewinding) {
                count("rewinds under way at a kill that did not land");
            }
            return;
        }
        if (rewinding) {
            List<String> cut = session.ids.subList(session.ids.indexOf(pending[2]) + 1, session.ids.size());
            assertEquals(session.ids.subList(0, session.ids.size() - cut.size()), actual,
                    "session " + id + ": neither as acknowledged nor rewound to " + pending[2]);
            cut.clear();
            count("rewinds under way at a kill that landed");
            return;
        }
        boolean onlyCreateUnderWay = pending == null && writing.contains(id);
        boolean oneMore = actual.size() == session.ids.size() + 1
                && actual.subList(0, session.ids.size()).equals(session.ids);
        if (onlyCreateUnderWay && oneMore) {
            String landed = actual.get(actual.size() - 1);
            long number = CheckpointIds.number(id, landed);
            assertTrue(number > session.highest, "unacknowledged " + landed + " reuses an id number of " + id);
            session.ids.add(landed);
            session.highest = number;
            count("creates under way at a kill that landed");
            return;
        }
        fail("session " + id + " holds " + actual.size() + " ids where the acknowledged changes give "
                + session.ids.size() + difference(session.ids, actual)
                + (pending == null ? "" : " (or the " + String.join(" ", pending) + " under way)")
                + (onlyCreateUnderWay ? " (or those and one create under way)" : ""));
    }

    /** Where two lists of ids part, for a failure message. */
    private static String difference(List<String> expected, List<String> actual) {
        int at = 0;
        while (at < expected.size() && at < actual.size() && expected.get(at).equals(actual.get(at))) {
            at++;
        }
        return "; from index " + at + " the journal has " + actual.subList(at, Math.min(actual.size(), at + 5))
                + " where they give " + expected.subList(at, Math.min(expected.size(), at + 5));
    }

    private Session session(String id) {
        return sessions.computeIfAbsent(id, unused -> new Session());
    }

    private void count(String figure) {
        figures.merge(figure, 1, Integer::sum);
    }

    /** How often each kind of change was acknowledged, and how the ones under way at a kill ended. */
    int figure(String name) {
        if (!FIGURES.contains(name)) {
            throw new IllegalArgumentException("no figure '" + name + "'; there are " + FIGURES);
        }
        return figures.getOrDefault(name, 0);
    }

    /** Every figure, for the test's report: "4172 acknowledged creates, 85 acknowledged rewinds, ...". */
    String figures() {
        List<String> named = new ArrayList<>();
        for (String figure : FIGURES) {
            named.add(figure(figure) + " " + figure);
        }
        return String.join(", ", named);
    }

    /** The ids session {@code sessionId} holds now, oldest first. */
    List<String> ids(String sessionId) {
        Session session = sessions.get(sessionId);
        return session == null ? List.of() : List.copyOf(session.ids);
    }

    /** Checkpoints the sessions hold now. */
    int held() {
        return sessions.values().stream().mapToInt(session -> session.ids.size()).sum();
    }
}
