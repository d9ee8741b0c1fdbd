package org.breakpilot.checkpoint.console;

import java.awt.BorderLayout;
import java.awt.Color;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.management.MBeanServerConnection;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTree;
import javax.swing.ListSelectionModel;
import javax.swing.SwingWorker;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeModel;
import org.breakpilot.checkpoint.jmx.CheckpointData;

/**
 * The "Checkpoints" tab: the sessions on the left; on the right the selected session's timeline, its
 * checkpoints newest first, the selected checkpoint's data and metadata, and the actions. JConsole's
 * refresh (every few seconds) re-reads the sessions and the selected session's {@code RecentCheckpoints};
 * between refreshes the session's {@code created} notifications add each new checkpoint at once.
 *
 * <p>Every remote call runs in a {@link SwingWorker}; the components are touched on the event dispatch
 * thread only.
 */
final class CheckpointsTab extends JPanel {

    /**
     * The most checkpoints the timeline and the table show: as many as {@code RecentCheckpoints} has, newer
     * ones from notifications pushing out the oldest.
     */
    static final int SHOWN = 100;
    /** The most checkpoints whose content from notifications is kept, so the detail needs no call. */
    private static final int KEPT_CONTENTS = 200;

    private final Supplier<MBeanServerConnection> connections;
    private final SessionsPanel sessions = new SessionsPanel();
    private final TimelineView timeline = new TimelineView();
    private final HistoryTable history = new HistoryTable();
    private final JTable historyTable = new JTable(history);
    private final JTree detail = new JTree(new DefaultTreeModel(new DefaultMutableTreeNode("Select a checkpoint")));
    private final JLabel notice = new JLabel(" ");
    private final JLabel status = new JLabel(" ");
    private final CheckpointActions actions = new CheckpointActions(this);
    private final Map<String, CheckpointData> contents = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CheckpointData> eldest) {
            return size() > KEPT_CONTENTS;
        }
    };
    private volatile RemoteAgent agent;
    // Written on the event dispatch thread, read by the refresher too.
    private volatile SessionRow followed;
    private AutoCloseable following;
    private final Arrivals arrivals = new Arrivals(this::showArrivals);
    private boolean readOnly;
    private boolean agentPresent;
    private String detailShown;

    CheckpointsTab(Supplier<MBeanServerConnection> connections) {
        super(new BorderLayout(4, 4));
        this.connections = connections;
        setName("checkpointsTab");
        historyTable.setName("history");
        detail.setName("detail");
        notice.setName("notice");
        status.setName("status");
        notice.setForeground(new Color(0x8a6d00));
        historyTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        int[] widths = {110, 150, 190, 80, 70};
        for (int column = 0; column < widths.length; column++) {
            historyTable.getColumnModel().getColumn(column).setPreferredWidth(widths[column]);
        }
        historyTable.getSelectionModel().addListSelectionListener(event -> {
            if (!event.getValueIsAdjusting()) {
                checkpointSelected();
            }
        });
        sessions.onSelect(this::sessionSelected);
        timeline.onSelect(mark -> {
            int row = history.indexOf(mark.id());
            if (row >= 0) {
                historyTable.setRowSelectionInterval(row, row);
                historyTable.scrollRectToVisible(historyTable.getCellRect(row, 0, true));
            }
        });

        JScrollPane timelinePane = new JScrollPane(timeline);
        timelinePane.setBorder(BorderFactory.createTitledBorder("Timeline (green returned, red threw, grey no duration)"));
        JScrollPane tablePane = new JScrollPane(historyTable);
        tablePane.setBorder(BorderFactory.createTitledBorder("Checkpoints, newest first"));
        JScrollPane detailPane = new JScrollPane(detail);
        detailPane.setBorder(BorderFactory.createTitledBorder("Data and metadata"));
        JSplitPane lower = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tablePane, detailPane);
        lower.setResizeWeight(0.45);
        JSplitPane right = new JSplitPane(JSplitPane.VERTICAL_SPLIT, timelinePane, lower);
        right.setResizeWeight(0.4);
        JPanel session = new JPanel(new BorderLayout(4, 4));
        session.add(actions, BorderLayout.NORTH);
        session.add(right, BorderLayout.CENTER);
        // Preferred widths the split pane starts from: the sessions' columns readable, the rest to the session.
        session.setPreferredSize(new java.awt.Dimension(800, 500));
        JSplitPane main = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, sessions, session);
        main.setResizeWeight(0.35);
        add(notice, BorderLayout.NORTH);
        add(main, BorderLayout.CENTER);
        add(status, BorderLayout.SOUTH);
        actions.update();
    }

    /**
     * A worker that re-reads the agent's options, the sessions and the selected session's checkpoints. JConsole
     * asks for it on its timer thread, so it reads no component before it runs.
     */
    SwingWorker<?, ?> refresher() {
        return new SwingWorker<Refresh, Void>() {
            @Override
            protected Refresh doInBackground() {
                RemoteAgent remote = remote();
                Optional<Boolean> refusing = remote.readOnly();
                if (refusing.isEmpty()) {
                    return new Refresh(remote, false, false, List.of(), null, List.of());
                }
                List<SessionRow> listed = remote.sessions();
                SessionRow shown = followed;
                Optional<SessionRow> listedShown = Optional.ofNullable(shown).flatMap(row -> listed.stream()
                        .filter(same -> same.session().equals(row.session())).findFirst());
                return new Refresh(remote, true, refusing.get(), listed, shown,
                        listedShown.map(row -> remote.recent(row.mbean())).orElse(List.of()));
            }

            @Override
            protected void done() {
                finish(this, refresh -> {
                    boolean reconnected = agent != refresh.agent();
                    agent = refresh.agent();
                    agentPresent = refresh.agentPresent();
                    readOnly = refresh.readOnly();
                    notice.setText(notice());
                    sessions.show(refresh.sessions(), Instant.now());
                    if (refresh.shown() != null && refresh.shown() == followed) {
                        showMarks(refresh.marks());
                    }
                    if (reconnected && sessions.selected().isPresent()) {
                        sessionSelected(sessions.selected());
                    }
                    actions.update();
                });
            }
        };
    }

    /** Stops following the selected session, as JConsole closes the tab. */
    void close() {
        unfollow();
    }

    RemoteAgent agent() {
        return agent;
    }

    boolean readOnly() {
        return readOnly;
    }

    Optional<SessionRow> selectedSession() {
        return sessions.selected();
    }

    Optional<CheckpointMark> selectedCheckpoint() {
        int row = historyTable.getSelectedRow();
        return row < 0 ? Optional.empty() : Optional.of(history.at(row));
    }

    /** How many checkpoints after {@code mark} the table shows. */
    long shownAfter(CheckpointMark mark) {
        return history.shownAfter(mark);
    }

    /** Says {@code text} in the status line. */
    void status(String text) {
        status.setText(text);
    }

    SessionsPanel sessions() {
        return sessions;
    }

    TimelineView timeline() {
        return timeline;
    }

    JTable historyTable() {
        return historyTable;
    }

    JTree detail() {
        return detail;
    }

    CheckpointActions actions() {
        return actions;
    }

    /**
     * Runs {@code done} with a finished worker's value, on the event dispatch thread; or says its failure in
     * the status line, and returns it.
     */
    <T> Optional<String> finish(SwingWorker<T, ?> worker, Consumer<T> done) {
        try {
            done.accept(worker.get());
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String failure = cause instanceof ConsoleFailure ? cause.getMessage() : String.valueOf(cause);
            status(failure);
            return Optional.of(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private RemoteAgent remote() {
        MBeanServerConnection connection = connections.get();
        RemoteAgent current = agent;
        return current != null && current.connection() == connection ? current : new RemoteAgent(connection);
    }

    private String notice() {
        if (!agentPresent) {
            return "This JVM has no checkpoint-agent: start it with -javaagent:checkpoint-agent.jar,"
                    + " or attach it with: java -jar checkpoint-agent.jar attach <pid>";
        }
        return readOnly ? "Read-only: " + CheckpointActions.READ_ONLY_REASON : " ";
    }

    private void sessionSelected(Optional<SessionRow> selected) {
        unfollow();
        timeline.show(List.of());
        history.show(List.of());
        detail.setModel(new DefaultTreeModel(new DefaultMutableTreeNode("Select a checkpoint")));
        detailShown = null;
        actions.update();
        if (selected.isEmpty() || agent == null) {
            return;
        }
        SessionRow session = selected.get();
        RemoteAgent remote = agent;
        followed = session;
        new SwingWorker<List<CheckpointMark>, Void>() {
            private AutoCloseable handle;

            @Override
            protected List<CheckpointMark> doInBackground() {
                handle = remote.follow(session.mbean(), created -> arrivals.add(session, created));
                return remote.recent(session.mbean());
            }

            @Override
            protected void done() {
                if (followed != session) {
                    closeQuietly(handle);
                    return;
                }
                following = handle;
                finish(this, marks -> showMarks(marks));
            }
        }.execute();
    }

    /** Adds the checkpoints that notifications announced for the session shown, the newest {@value #SHOWN} kept. */
    private void showArrivals(List<Arrivals.Arrival> batch) {
        List<CheckpointMark> shown = new ArrayList<>(timeline.marks());
        Set<String> ids = new HashSet<>();
        shown.forEach(mark -> ids.add(mark.id()));
        boolean added = false;
        for (Arrivals.Arrival arrival : batch) {
            CheckpointMark mark = arrival.created().mark();
            if (arrival.session() == followed && ids.add(mark.id())) {
                contents.put(mark.id(), arrival.created().content());
                shown.add(mark);
                added = true;
            }
        }
        if (added) {
            showMarks(shown.subList(Math.max(0, shown.size() - SHOWN), shown.size()));
        }
    }

    /** Shows {@code marks} (oldest first) in the timeline and the table, keeping the selected checkpoint. */
    private void showMarks(List<CheckpointMark> marks) {
        String kept = selectedCheckpoint().map(CheckpointMark::id).orElse(null);
        timeline.show(marks);
        history.show(marks);
        int row = kept == null ? -1 : history.indexOf(kept);
        if (row >= 0) {
            historyTable.setRowSelectionInterval(row, row);
        }
        actions.update();
    }

    private void checkpointSelected() {
        actions.update();
        Optional<CheckpointMark> selected = selectedCheckpoint();
        timeline.select(selected.map(CheckpointMark::id).orElse(null));
        Optional<SessionRow> session = sessions.selected();
        if (selected.isEmpty() || session.isEmpty()) {
            return;
        }
        CheckpointMark mark = selected.get();
        if (mark.id().equals(detailShown)) {
            return;
        }
        CheckpointData known = contents.get(mark.id());
        if (known != null) {
            showDetail(known);
            return;
        }
        RemoteAgent remote = agent;
        new SwingWorker<Optional<CheckpointData>, Void>() {
            @Override
            protected Optional<CheckpointData> doInBackground() {
                return remote.detail(session.get().mbean(), mark);
            }

            @Override
            protected void done() {
                finish(this, content -> {
                    if (selectedCheckpoint().filter(mark::equals).isPresent()) {
                        content.ifPresentOrElse(CheckpointsTab.this::showDetail,
                                () -> status(mark.id() + " is no longer retained by the session"));
                    }
                });
            }
        }.execute();
    }

    private void showDetail(CheckpointData content) {
        detailShown = content.getId();
        detail.setModel(JsonTree.of(content));
        for (int row = 0; row < detail.getRowCount(); row++) {
            detail.expandRow(row);
        }
    }

    private void unfollow() {
        followed = null;
        closeQuietly(following);
        following = null;
    }

    /** Closes {@code handle} off the event dispatch thread: closing it is a remote call. */
    private static void closeQuietly(AutoCloseable handle) {
        if (handle == null) {
            return;
        }
        new SwingWorker<Void, Void>() {
            @Override
            protected Void doInBackground() throws Exception {
                // RemoteAgent's handle only removes a listener, and says nothing when it cannot.
                handle.close();
                return null;
            }
        }.execute();
    }

    /** What a refresh read: {@code marks} are those of session {@code shown}, null when none was. */
    private record Refresh(RemoteAgent agent, boolean agentPresent, boolean readOnly, List<SessionRow> sessions,
                           SessionRow shown, List<CheckpointMark> marks) {
    }
}
