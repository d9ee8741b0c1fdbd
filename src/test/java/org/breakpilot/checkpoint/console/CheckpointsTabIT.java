package org.breakpilot.checkpoint.console;

import static org.awaitility.Awaitility.await;
import static org.breakpilot.checkpoint.console.SwingDriver.PATIENCE;
import static org.breakpilot.checkpoint.console.SwingDriver.click;
import static org.breakpilot.checkpoint.console.SwingDriver.dialog;
import static org.breakpilot.checkpoint.console.SwingDriver.doOnEdt;
import static org.breakpilot.checkpoint.console.SwingDriver.onEdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.jconsole.JConsoleContext;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.beans.PropertyChangeListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;
import javax.swing.JTree;
import javax.swing.SwingWorker;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.TreeNode;
import org.breakpilot.checkpoint.jmx.CheckpointManagerMXBean;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.breakpilot.checkpoint.testing.Jvm;
import org.breakpilot.checkpoint.testing.LocalJmx;
import org.breakpilot.checkpoint.testing.ProcessRun;
import org.breakpilot.checkpoint.testing.XDisplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Checkpoints" tab against a real agent JVM over a real JMX connection, drawn on an X display (Xvfb):
 * the plugin is given the connection as JConsole gives it, and the test reads, clicks and answers dialogs
 * as a person would.
 */
class CheckpointsTabIT {

    private Process host;
    private Writer hostInput;
    private BufferedReader hostOutput;
    private JMXConnector connector;
    private CheckpointsPlugin plugin;
    private CheckpointsTab tab;
    private JFrame frame;

    @BeforeAll
    static void display() throws Exception {
        XDisplay.require();
    }

    @AfterEach
    void close() throws Exception {
        if (frame != null) {
            doOnEdt(frame::dispose);
        }
        if (plugin != null) {
            plugin.dispose();
        }
        if (connector != null) {
            connector.close();
        }
        if (host != null) {
            hostInput.close();
            if (!host.waitFor(30, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
        }
    }

    @Test
    void showsTheSessionsATimelineOfTheSelectedOneAndACheckpointsDataAndMetadata() throws Exception {
        open("");
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.sessions().shownSessions()),
                shown -> shown.equals(List.of("nightly-report", "research-7", "research-8")));
        doOnEdt(() -> filter().setText("RESEARCH"));
        assertEquals(List.of("research-7", "research-8"), onEdt(() -> tab.sessions().shownSessions()));
        doOnEdt(() -> filter().setText(""));

        selectSession("research-7");
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.timeline().marks().size()), size -> size == 5);
        assertEquals(List.of("research.plan", "research.search", "research.summarize"), onEdt(() -> tab.timeline().lanes()));
        List<CheckpointMark> marks = onEdt(() -> tab.timeline().marks());
        assertEquals(List.of("returned", "returned", "threw", "returned", "returned"),
                marks.stream().map(CheckpointMark::outcome).toList());
        assertTrue(marks.get(4).durationNanos() >= 40_000_000, "the summary took its 40 ms: " + marks.get(4));
        assertEquals(List.of("research-7:5", "research.summarize", "returned"),
                onEdt(() -> List.of(cell(0, 0), cell(0, 1), cell(0, 4))));

        // A new checkpoint arrives by its notification: no refresh runs from here on.
        hostInput.write("research-7 late query\n");
        hostInput.flush();
        assertEquals("done", hostOutput.readLine());
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.timeline().marks().size()), size -> size == 6);
        assertEquals("research-7:6", onEdt(() -> cell(0, 0)));

        // Clicking the red mark selects its row, whose detail then loads.
        doOnEdt(() -> {
            CheckpointMark threw = tab.timeline().marks().get(2);
            java.awt.Rectangle box = tab.timeline().bounds(threw);
            tab.timeline().dispatchEvent(new MouseEvent(tab.timeline(), MouseEvent.MOUSE_CLICKED, System.currentTimeMillis(),
                    0, box.x + box.width / 2, box.y + box.height / 2, 1, false, MouseEvent.BUTTON1));
        });
        assertEquals("research-7:3", onEdt(() -> cell(tab.historyTable().getSelectedRow(), 0)));
        await().atMost(PATIENCE).until(() -> onEdt(() -> treeLines(tab.detail())),
                lines -> lines.contains("outcome: \"threw\""));
        List<String> detail = onEdt(() -> treeLines(tab.detail()));
        assertEquals("research-7:3 research.search", detail.get(0).substring(0, "research-7:3 research.search".length()));
        assertTrue(detail.contains("query: \"jvm agents paywalled review\""), detail.toString());
        assertTrue(detail.stream().anyMatch(line -> line.startsWith("metadata {")), detail.toString());

        BufferedImage drawn = onEdt(() -> {
            BufferedImage image = new BufferedImage(tab.getWidth(), tab.getHeight(), BufferedImage.TYPE_INT_RGB);
            tab.paint(image.getGraphics());
            return image;
        });
        assertTrue(SwingDriver.pixels(drawn, TimelineView.RETURNED.getRGB()) > 50, "returned calls are drawn green");
        assertTrue(SwingDriver.pixels(drawn, TimelineView.THREW.getRGB()) > 10, "the call that threw is drawn red");

        // A burst: the newest 100 are shown, the oldest pushed out, as RecentCheckpoints would list them.
        hostInput.write("notes research-7 250\n");
        hostInput.flush();
        assertEquals("done", hostOutput.readLine());
        await().atMost(PATIENCE).until(() -> onEdt(() -> cell(0, 0)), "research-7:256"::equals);
        assertEquals(CheckpointsTab.SHOWN, onEdt(() -> tab.timeline().marks().size()));
        assertEquals(List.of("research.note"), onEdt(() -> tab.timeline().lanes()));
        assertEquals(CheckpointsTab.SHOWN, onEdt(() -> tab.historyTable().getRowCount()));

        // A refresh shows what the session retains: retention compressed most of the burst away.
        int retained = session("research-7").getTotalCount();
        refresh();
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.historyTable().getRowCount()), rows -> rows == retained);
        selectCheckpoint("research-7:255");
        await().atMost(PATIENCE).until(() -> onEdt(() -> treeLines(tab.detail())), lines -> lines.contains("result: 249"));
    }

    @Test
    void exportRollBackRewindAndForkEachAskFirstAndThenActOnTheSession() throws Exception {
        open("");
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.sessions().shownSessions().size()), size -> size == 3);
        selectSession("research-7");
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.historyTable().getRowCount()), rows -> rows == 5);
        CheckpointManagerMXBean session = session("research-7");

        click(button("export"));
        JDialog save = dialog("Export session research-7");
        Path exported = Files.createTempFile("research-7", ".json");
        Files.delete(exported);
        doOnEdt(() -> {
            JFileChooser chooser = SwingDriver.all(save, JFileChooser.class).get(0);
            chooser.setSelectedFile(exported.toFile());
            chooser.approveSelection();
        });
        await().atMost(PATIENCE).until(() -> Files.exists(exported) && Files.size(exported) > 0);
        await().atMost(PATIENCE).until(() -> Files.readString(exported).equals(session.exportJson()));

        selectCheckpoint("research-7:2");
        click(button("rollback"));
        SwingDriver.pressOk(dialog("Roll back"));
        JDialog data = dialog("Data to roll back to");
        List<String> rolledBack = onEdt(() -> treeLines(SwingDriver.all(data, JTree.class).get(0)));
        assertEquals("data of research-7:2 {2}", rolledBack.get(0));
        assertTrue(rolledBack.contains("query: \"jvm agents history\""), rolledBack.toString());
        SwingDriver.pressOk(data);

        selectCheckpoint("research-7:2");
        click(button("rewind"));
        JDialog askRewind = dialog("Rewind");
        assertTrue(SwingDriver.message(askRewind).toString().contains("after research-7:2 (3 shown here)"),
                SwingDriver.message(askRewind).toString());
        SwingDriver.pressCancel(askRewind);
        await().atMost(PATIENCE).until(() -> onEdt(() -> !askRewind.isShowing()));
        assertEquals(5, session.getTotalCount(), "cancelled, the session keeps its checkpoints");
        click(button("rewind"));
        SwingDriver.pressOk(dialog("Rewind"));
        await().atMost(PATIENCE).until(session::getTotalCount, count -> count == 2);
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.timeline().marks().size()), size -> size == 2);

        selectCheckpoint("research-7:1");
        click(button("fork"));
        JDialog askFork = dialog("Fork");
        doOnEdt(() -> SwingDriver.all(askFork, JTextField.class).get(0).setText("research-7-retry"));
        SwingDriver.pressOk(askFork);
        ObjectName forked = JmxRegistry.sessionName("research-7-retry");
        LocalJmx.awaitRegistered(connector.getMBeanServerConnection(), forked);
        assertEquals(1, session("research-7-retry").getTotalCount());
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.sessions().shownSessions()),
                shown -> shown.contains("research-7-retry"));
    }

    @Test
    void aReadOnlyAgentLeavesExportAndDisablesTheChangesSayingWhy() throws Exception {
        open("jmxReadOnly=true");
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.sessions().shownSessions().size()), size -> size == 3);
        selectSession("nightly-report");
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.historyTable().getRowCount()), rows -> rows == 3);
        selectCheckpoint("nightly-report:1");

        assertTrue(onEdt(() -> button("export").isEnabled()));
        for (String change : List.of("rollback", "rewind", "fork")) {
            assertFalse(onEdt(() -> button(change).isEnabled()), change);
            assertEquals("Refused: the agent was started with jmxReadOnly=true, which refuses roll back, rewind and"
                    + " fork over JMX", onEdt(() -> button(change).getToolTipText()));
        }
        assertTrue(onEdt(() -> label("notice")).startsWith("Read-only: the agent was started with jmxReadOnly=true"));
        // The note made by hand has no duration: an instant, drawn grey.
        assertEquals(List.of("returned", "returned", "created"),
                onEdt(() -> tab.timeline().marks().stream().map(CheckpointMark::outcome).toList()));
    }

    @Test
    void aJvmTheAgentWasAttachedToShowsTheSessionsItRecordsFromThen() throws Exception {
        Process plain = Jvm.target().hostClassPath().main("org.breakpilot.testhost.ServiceHost").inFreshDirectory()
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        host = plain;
        hostInput = new OutputStreamWriter(plain.getOutputStream(), StandardCharsets.UTF_8);
        hostOutput = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.UTF_8));
        String pid = hostOutput.readLine().substring("ready ".length());
        ProcessRun attach = Jvm.cli("attach", pid).run(60);
        assertEquals(0, attach.exitCode(), attach.stderr());
        hostInput.write("attached-session 4\n");
        hostInput.flush();
        assertEquals("done 16", hostOutput.readLine());
        connector = LocalJmx.connect(pid);
        LocalJmx.awaitRegistered(connector.getMBeanServerConnection(), JmxRegistry.sessionName("attached-session"));
        show(connector.getMBeanServerConnection());
        refresh();

        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.sessions().shownSessions()),
                shown -> shown.equals(List.of("attached-session")));
        selectSession("attached-session");
        await().atMost(PATIENCE).until(() -> onEdt(() -> tab.historyTable().getRowCount()), rows -> rows == 1);
        assertEquals(List.of("attached-session:1", "service.step", "returned"),
                onEdt(() -> List.of(cell(0, 0), cell(0, 1), cell(0, 4))));
    }

    @Test
    void aJvmWithoutTheAgentSaysHowToGetIt() throws Exception {
        show(ManagementFactory.getPlatformMBeanServer());
        refresh();
        await().atMost(PATIENCE).until(() -> onEdt(() -> label("notice")),
                text -> text.startsWith("This JVM has no checkpoint-agent: start it with -javaagent:checkpoint-agent.jar"));
        assertEquals(List.of(), onEdt(() -> tab.sessions().shownSessions()));
        assertFalse(onEdt(() -> button("export").isEnabled()));
        assertEquals("Select a session", onEdt(() -> button("rewind").getToolTipText()), "no agent is not a read-only one");
    }

    private void open(String agentOptions) throws Exception {
        host = Jvm.target().agent(agentOptions).hostClassPath().main("org.breakpilot.testhost.ConsoleHost")
                .inFreshDirectory().redirectError(ProcessBuilder.Redirect.INHERIT).start();
        hostInput = new OutputStreamWriter(host.getOutputStream(), StandardCharsets.UTF_8);
        hostOutput = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        String ready = hostOutput.readLine();
        assertTrue(ready != null && ready.startsWith("ready "), "host said " + ready);
        connector = LocalJmx.connect(ready.substring("ready ".length()));
        MBeanServerConnection connection = connector.getMBeanServerConnection();
        for (String session : List.of("nightly-report", "research-7", "research-8")) {
            LocalJmx.awaitRegistered(connection, JmxRegistry.sessionName(session));
        }
        show(connection);
        refresh();
    }

    /** The plugin's tab in a window, as JConsole shows it, given the connection as JConsole gives it. */
    private void show(MBeanServerConnection connection) throws Exception {
        plugin = new CheckpointsPlugin();
        plugin.setContext(new Connected(connection));
        doOnEdt(() -> {
            tab = (CheckpointsTab) plugin.getTabs().get("Checkpoints");
            JTabbedPane tabs = new JTabbedPane();
            tabs.addTab("Checkpoints", tab);
            frame = new JFrame("checkpoints tab under test");
            frame.add(tabs);
            frame.setSize(1200, 800);
            frame.setVisible(true);
        });
    }

    /** What JConsole does at each refresh. */
    private void refresh() {
        SwingWorker<?, ?> worker = plugin.newSwingWorker();
        worker.execute();
    }

    private CheckpointManagerMXBean session(String id) throws IOException {
        return JMX.newMXBeanProxy(connector.getMBeanServerConnection(), JmxRegistry.sessionName(id),
                CheckpointManagerMXBean.class);
    }

    private void selectSession(String session) throws Exception {
        doOnEdt(() -> {
            int row = tab.sessions().shownSessions().indexOf(session);
            javax.swing.JTable table = SwingDriver.all(tab.sessions(), javax.swing.JTable.class).get(0);
            table.setRowSelectionInterval(row, row);
        });
    }

    private void selectCheckpoint(String id) throws Exception {
        await().atMost(PATIENCE).until(() -> onEdt(() -> {
            int row = ((HistoryTable) tab.historyTable().getModel()).indexOf(id);
            if (row >= 0) {
                tab.historyTable().setRowSelectionInterval(row, row);
            }
            return row >= 0;
        }));
    }

    private JTextField filter() {
        return SwingDriver.all(tab.sessions(), JTextField.class).get(0);
    }

    private String cell(int row, int column) {
        return String.valueOf(tab.historyTable().getValueAt(row, column));
    }

    private JButton button(String name) {
        return tab.actions().button(name);
    }

    private String label(String name) {
        return SwingDriver.all(tab, javax.swing.JLabel.class).stream().filter(label -> name.equals(label.getName()))
                .findFirst().orElseThrow().getText();
    }

    /** Every node of {@code tree}'s model, depth first, as shown. */
    private static List<String> treeLines(JTree tree) {
        List<String> lines = new ArrayList<>();
        Enumeration<TreeNode> nodes = ((DefaultMutableTreeNode) tree.getModel().getRoot()).preorderEnumeration();
        while (nodes.hasMoreElements()) {
            lines.add(nodes.nextElement().toString());
        }
        return lines;
    }


    /** The context JConsole gives a plugin: its connection, connected. */
    private record Connected(MBeanServerConnection connection) implements JConsoleContext {

        @Override
        public MBeanServerConnection getMBeanServerConnection() {
            return connection;
        }

        @Override
        public ConnectionState getConnectionState() {
            return ConnectionState.CONNECTED;
        }

        @Override
        public void addPropertyChangeListener(PropertyChangeListener listener) {
        }

        @Override
        public void removePropertyChangeListener(PropertyChangeListener listener) {
        }
    }

}
