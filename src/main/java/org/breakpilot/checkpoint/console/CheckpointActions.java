package org.breakpilot.checkpoint.console;

import java.awt.FlowLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTree;
import javax.swing.SwingWorker;

/**
 * What the tab can do to the selected session: export it to a file; and, at the selected checkpoint, roll
 * back, rewind and fork. Each asks first. The three that change the session are disabled, saying why,
 * when the agent refuses changes over JMX.
 */
final class CheckpointActions extends JPanel {

    static final String READ_ONLY_REASON = "the agent was started with jmxReadOnly=true, which refuses roll back,"
            + " rewind and fork over JMX";

    private final CheckpointsTab tab;
    // What each button does, its tooltip while enabled.
    private final Map<JButton, String> does = new HashMap<>();
    private final Map<String, JButton> byName = new HashMap<>();
    private final JButton export = button("export", "Export…", this::export,
            "Writes every retained checkpoint of the session to a file, in the interchange format");
    private final JButton rollback = button("rollback", "Roll back…", this::rollback,
            "Asks the application to roll back to this checkpoint, and shows its data");
    private final JButton rewind = button("rewind", "Rewind…", this::rewind,
            "Removes every checkpoint after this one, durably, so the next run repeats the steps after it");
    private final JButton fork = button("fork", "Fork…", this::fork,
            "Starts a new session from the history up to this checkpoint");

    CheckpointActions(CheckpointsTab tab) {
        super(new FlowLayout(FlowLayout.LEFT, 4, 0));
        this.tab = tab;
        add(export);
        add(rollback);
        add(rewind);
        add(fork);
    }

    /** Enables what the selection and the agent allow; a disabled button's tooltip says why it is. */
    void update() {
        boolean session = tab.selectedSession().isPresent();
        boolean checkpoint = session && tab.selectedCheckpoint().isPresent();
        enable(export, session, "Select a session");
        for (JButton change : List.of(rollback, rewind, fork)) {
            if (tab.readOnly()) {
                enable(change, false, "Refused: " + READ_ONLY_REASON);
            } else {
                enable(change, checkpoint, session ? "Select a checkpoint in the table" : "Select a session");
            }
        }
    }

    /** The button named {@code export}, {@code rollback}, {@code rewind} or {@code fork}. */
    JButton button(String name) {
        return byName.get(name);
    }

    private void export() {
        SessionRow session = tab.selectedSession().orElseThrow();
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Export session " + session.session());
        chooser.setSelectedFile(new java.io.File(fileName(session.session()) + ".json"));
        if (chooser.showSaveDialog(tab) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = chooser.getSelectedFile().toPath();
        if (Files.exists(file) && !confirm("Replace " + file + "?", "Export")) {
            return;
        }
        RemoteAgent agent = tab.agent();
        run(() -> {
            String json = agent.exportJson(session.mbean());
            try {
                Files.writeString(file, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConsoleFailure("could not write " + file + ": " + e.getMessage());
            }
            return file;
        }, written -> tab.status("Exported session " + session.session() + " to " + written));
    }

    private void rollback() {
        SessionRow session = tab.selectedSession().orElseThrow();
        CheckpointMark mark = tab.selectedCheckpoint().orElseThrow();
        if (!confirm("Ask the application of session " + session.session() + " to roll back to " + mark.id() + " ("
                + mark.name() + ")?\nIts rollback listeners are told; the session's checkpoints stay.", "Roll back")) {
            return;
        }
        RemoteAgent agent = tab.agent();
        run(() -> agent.rollbackTo(session.mbean(), mark.id()), data -> {
            tab.status("Rollback to " + mark.id() + " requested");
            JTree tree = new JTree(JsonTree.of("data of " + mark.id(), data));
            for (int row = 0; row < tree.getRowCount(); row++) {
                tree.expandRow(row);
            }
            JScrollPane shown = new JScrollPane(tree);
            shown.setPreferredSize(new java.awt.Dimension(420, 300));
            JOptionPane.showMessageDialog(tab, shown, "Data to roll back to", JOptionPane.INFORMATION_MESSAGE);
        });
    }

    private void rewind() {
        SessionRow session = tab.selectedSession().orElseThrow();
        CheckpointMark mark = tab.selectedCheckpoint().orElseThrow();
        if (!confirm("Remove every checkpoint of session " + session.session() + " after " + mark.id() + " ("
                + tab.shownAfter(mark) + " shown here), durably?\nThe next run of the session repeats the steps after it.",
                "Rewind")) {
            return;
        }
        RemoteAgent agent = tab.agent();
        run(() -> agent.rewindTo(session.mbean(), mark.id()), removed -> {
            tab.status("Rewound session " + session.session() + " to " + mark.id() + ": " + removed
                    + " checkpoints removed");
            tab.refresher().execute();
        });
    }

    private void fork() {
        SessionRow session = tab.selectedSession().orElseThrow();
        CheckpointMark mark = tab.selectedCheckpoint().orElseThrow();
        Object answer = JOptionPane.showInputDialog(tab, "Start a new session from session " + session.session()
                + " up to " + mark.id() + ".\nNew session id:", "Fork", JOptionPane.QUESTION_MESSAGE, null, null,
                session.session() + "-fork");
        if (answer == null || answer.toString().isBlank()) {
            return;
        }
        String newSession = answer.toString().strip();
        RemoteAgent agent = tab.agent();
        run(() -> agent.fork(session.mbean(), mark.id(), newSession), forked -> {
            tab.status("Forked session " + forked + " from " + mark.id());
            tab.refresher().execute();
        });
    }

    private boolean confirm(String question, String title) {
        return JOptionPane.showConfirmDialog(tab, question, title, JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE) == JOptionPane.OK_OPTION;
    }

    /** Runs {@code remote} off the event dispatch thread; says its failure in a dialog and the status line. */
    private <T> void run(Supplier<T> remote, Consumer<T> done) {
        new SwingWorker<T, Void>() {
            @Override
            protected T doInBackground() {
                return remote.get();
            }

            @Override
            protected void done() {
                tab.finish(this, done).ifPresent(failure ->
                        JOptionPane.showMessageDialog(tab, failure, "Failed", JOptionPane.ERROR_MESSAGE));
            }
        }.execute();
    }

    private static String fileName(String session) {
        return session.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void enable(JButton button, boolean enabled, String whyNot) {
        button.setEnabled(enabled);
        button.setToolTipText(enabled ? does.get(button) : whyNot);
    }

    private JButton button(String name, String text, Runnable action, String what) {
        JButton button = new JButton(text);
        button.setName(name);
        button.addActionListener(event -> action.run());
        does.put(button, what);
        byName.put(name, button);
        return button;
    }
}
