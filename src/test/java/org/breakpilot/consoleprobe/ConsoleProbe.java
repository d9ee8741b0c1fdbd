package org.breakpilot.consoleprobe;

import static org.breakpilot.consoleprobe.SwingTree.all;
import static org.breakpilot.consoleprobe.SwingTree.onEdt;

import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JInternalFrame;
import javax.swing.JOptionPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTree;
import javax.swing.SwingUtilities;

/**
 * A Java agent for JConsole's own JVM ({@code jconsole -J-javaagent:probe.jar=<dir>,<session>,<checkpoint id>})
 * that does what a person does once JConsole is connected: opens the "Checkpoints" tab, selects the session
 * and the checkpoint, and then saves what JConsole shows as PNG files in {@code <dir>} ({@code
 * checkpoints-tab.png}, {@code checkpoints-timeline.png}) with {@code report.txt}, the rows it saw. It ends
 * JConsole when done, or after a minute saying what it waited for. It sees the tab through Swing alone, by
 * its components' names: the plugin's classes are in another class loader.
 */
public final class ConsoleProbe {

    private static final long PATIENCE_MILLIS = 60_000;

    private ConsoleProbe() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        String[] parts = arguments.split(",");
        Thread probe = new Thread(() -> run(Path.of(parts[0]), parts[1], parts[2]), "console-probe");
        probe.setDaemon(true);
        probe.start();
    }

    private static void run(Path directory, String session, String checkpoint) {
        int status = 0;
        try {
            Files.createDirectories(directory);
            probe(directory, session, checkpoint);
        } catch (Exception | AssertionError e) {
            status = 1;
            try {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                Files.writeString(directory.resolve("report.txt"), "failed: " + trace, StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // Nothing more to say it with; the exit status says it.
            }
        }
        System.exit(status);
    }

    private static void probe(Path directory, String session, String checkpoint) throws Exception {
        JTabbedPane tabs = until("JConsole's tab \"Checkpoints\"", () -> {
            answerInsecureRetry();
            return onEdt(() -> showing(JTabbedPane.class).stream().filter(pane -> pane.indexOfTab("Checkpoints") >= 0)
                    .findFirst());
        });
        JFrame frame = (JFrame) SwingUtilities.getWindowAncestor(tabs);
        onEdt(() -> {
            frame.setSize(1400, 860);
            JInternalFrame connection = (JInternalFrame) SwingUtilities.getAncestorOfClass(JInternalFrame.class, tabs);
            if (connection != null) {
                connection.setMaximum(true);
            }
            tabs.setSelectedIndex(tabs.indexOfTab("Checkpoints"));
            frame.validate();
            return null;
        });
        JTable sessions = onEdt(() -> named(tabs, JTable.class, "sessions"));
        select(sessions, session, "session " + session + " in the sessions table");
        JTable history = onEdt(() -> named(tabs, JTable.class, "history"));
        select(history, checkpoint, "checkpoint " + checkpoint + " in the checkpoints table");
        JTree detail = onEdt(() -> named(tabs, JTree.class, "detail"));
        until("the data and metadata of " + checkpoint, () -> onEdt(() -> detail.getRowCount() > 4
                ? Optional.of(true) : Optional.<Boolean>empty()));

        // JConsole's "Connecting to <pid>" note may still cover the tab: a person waits until it goes.
        until("JConsole to close its dialogs", () -> {
            answerInsecureRetry();
            return onEdt(() -> showing(JOptionPane.class).stream().noneMatch(JOptionPane::isShowing)
                    ? Optional.of(true) : Optional.<Boolean>empty());
        });
        List<String> report = onEdt(() -> {
            frame.validate();
            save(frame.getRootPane(), directory.resolve("checkpoints-tab.png"));
            save(named(tabs, Component.class, "timeline"), directory.resolve("checkpoints-timeline.png"));
            List<String> lines = new ArrayList<>();
            lines.add("tabs=" + titles(tabs));
            lines.add("sessions=" + column(sessions, 0));
            lines.add("checkpoints=" + column(history, 0));
            lines.add("outcomes=" + column(history, 4));
            lines.add("detail=" + detail.getModel().getRoot());
            return lines;
        });
        Files.write(directory.resolve("report.txt"), report, StandardCharsets.UTF_8);
    }

    /**
     * Answers JConsole's "Secure connection failed. Retry insecurely?" as a person does for a local JVM: the
     * management agent the Attach API starts has no SSL.
     */
    private static void answerInsecureRetry() throws Exception {
        onEdt(() -> {
            for (JOptionPane question : showing(JOptionPane.class)) {
                if (question.isShowing() && String.valueOf(question.getMessage()).contains("Retry insecurely")) {
                    all(question, JButton.class).stream().filter(button -> button.getText().startsWith("Insecure"))
                            .findFirst().ifPresent(JButton::doClick);
                }
            }
            return null;
        });
    }

    private static void save(Component component, Path file) throws IOException {
        BufferedImage image = new BufferedImage(component.getWidth(), component.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        component.paint(graphics);
        graphics.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Selects the row of {@code table} whose first column is {@code value}, once it is listed. */
    private static void select(JTable table, String value, String what) throws Exception {
        until(what, () -> onEdt(() -> {
            int row = rowOf(table, value);
            if (row >= 0) {
                table.setRowSelectionInterval(row, row);
            }
            return row >= 0 ? Optional.of(row) : Optional.<Integer>empty();
        }));
    }

    private static int rowOf(JTable table, String firstColumn) {
        for (int row = 0; row < table.getRowCount(); row++) {
            if (firstColumn.equals(String.valueOf(table.getValueAt(row, 0)))) {
                return row;
            }
        }
        return -1;
    }

    private static List<String> column(JTable table, int column) {
        List<String> values = new ArrayList<>();
        for (int row = 0; row < table.getRowCount(); row++) {
            values.add(String.valueOf(table.getValueAt(row, column)));
        }
        return values;
    }

    private static List<String> titles(JTabbedPane tabs) {
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < tabs.getTabCount(); i++) {
            titles.add(tabs.getTitleAt(i));
        }
        return titles;
    }

    /** The component named {@code name} under {@code root}; call it on the event dispatch thread. */
    private static <T> T named(Container root, Class<T> type, String name) {
        return all(root, type).stream().filter(component -> name.equals(((Component) component).getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in the tab"));
    }

    /** The components of {@code type} in JConsole's showing windows; call it on the event dispatch thread. */
    private static <T> List<T> showing(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Frame frame : Frame.getFrames()) {
            if (frame.isShowing()) {
                found.addAll(SwingTree.all(frame, type));
            }
        }
        return found;
    }

    /** Polls {@code condition} every 100 ms until it has a value, for at most a minute. */
    private static <T> T until(String what, Callable<Optional<T>> condition) throws Exception {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<T> value = condition.call();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited a minute for " + what);
    }
}
