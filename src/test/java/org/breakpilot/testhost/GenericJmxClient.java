package org.breakpilot.testhost;

import com.sun.tools.attach.VirtualMachine;
import java.time.Duration;
import java.util.Arrays;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.breakpilot.checkpoint.agent.bootstrap.Replayed;

/**
 * A JMX client that knows none of the agent's classes, only {@code javax.management} and the Attach API:
 * it reads what a console would and prints it as {@code key=value} lines. Argument: the target's pid.
 */
public final class GenericJmxClient {

    private GenericJmxClient() {
    }

    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName session = new ObjectName("org.breakpilot.checkpoint:type=CheckpointManager,session=\"jmx-demo\"");
            ObjectName agent = new ObjectName("org.breakpilot.checkpoint:type=Agent");
            HostPoll.until(Duration.ofSeconds(20), () -> server.isRegistered(session) && server.isRegistered(agent));
            System.out.println("TotalCount=" + server.getAttribute(session, "TotalCount"));
            TabularData counts = (TabularData) server.getAttribute(session, "NameCounts");
            System.out.println("NameCounts.service.step=" + counts.get(new Object[] {"service.step"}).get("value"));
            CompositeData last = (CompositeData) server.getAttribute(session, "LastCheckpoint");
            System.out.println("LastCheckpoint.id=" + last.get("id"));
            System.out.println("LastCheckpoint.data=" + last.get("data"));
            TabularData recent = (TabularData) server.getAttribute(session, "RecentCheckpoints");
            CompositeData second = recent.get(new Object[] {"jmx-demo:2"});
            System.out.println("RecentCheckpoints=" + recent.size() + " rows, jmx-demo:2 " + second.get("name") + " "
                    + second.get("outcome") + (((Long) second.get("durationNanos")) > 0 ? " took some nanoseconds" : ""));
            String export = (String) server.invoke(session, "exportJson", null, null);
            System.out.println("export.records=" + export.split("\"id\"").length);
            System.out.println("Agent.Sessions=" + Arrays.toString((String[]) server.getAttribute(agent, "Sessions")));
            System.out.println("Agent.Recorded=" + server.getAttribute(agent, "Recorded"));
            CompositeData[] methods = (CompositeData[]) server.getAttribute(agent, "InstrumentedMethods");
            System.out.println("Agent.InstrumentedMethods=" + methods[0].get("className") + "." + methods[0].get("methodName")
                    + " as " + methods[0].get("checkpointName"));
            TabularData options = (TabularData) server.getAttribute(agent, "Options");
            System.out.println("Agent.Options.jmxReadOnly=" + options.get(new Object[] {"jmxReadOnly"}).get("value"));
            System.out.println("Agent.Attached=" + server.getAttribute(agent, "Attached"));
            String store = (String) server.getAttribute(agent, "Store");
            System.out.println("Agent.Store=" + store.replaceAll(" /.*/\\.checkpoints ", " <dir>/.checkpoints "));
            System.out.println("Agent.Dropped=" + server.getAttribute(agent, "Dropped"));
            System.out.println("Agent.Replayed=" + server.getAttribute(agent, "Replayed"));
        }
    }
}
