package org.breakpilot.checkpoint.console;

import com.sun.tools.jconsole.JConsolePlugin;
import java.util.Map;
import javax.swing.JPanel;
import javax.swing.SwingWorker;

/**
 * JConsole's "Checkpoints" tab, found by JConsole (and VisualVM's JConsole plugin module) as a service of
 * the agent jar: {@code jconsole -pluginpath checkpoint-agent.jar}. It reads and changes sessions through
 * the MBeans of the JVM JConsole is connected to, so it works on remote connections and on attached JVMs.
 */
public final class CheckpointsPlugin extends JConsolePlugin {

    private CheckpointsTab tab;

    /** For the service loader. */
    public CheckpointsPlugin() {
    }

    @Override
    public synchronized Map<String, JPanel> getTabs() {
        if (tab == null) {
            tab = new CheckpointsTab(() -> getContext().getMBeanServerConnection());
        }
        return Map.of("Checkpoints", tab);
    }

    /** JConsole runs one at each refresh (every 4 s by default), on its worker threads. */
    @Override
    public synchronized SwingWorker<?, ?> newSwingWorker() {
        return tab == null ? null : tab.refresher();
    }

    @Override
    public synchronized void dispose() {
        if (tab != null) {
            tab.close();
        }
    }
}
