package org.breakpilot.checkpoint.testing;

import static org.awaitility.Awaitility.await;

import com.sun.tools.attach.VirtualMachine;
import java.time.Duration;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real remote JMX client of another local JVM, as JConsole connects: the Attach API starts the
 * target's local management agent, and an RMI connector talks to it.
 */
public final class LocalJmx {

    private LocalJmx() {
    }

    /** Connects to the platform MBean server of the JVM with {@code pid}. */
    public static JMXConnector connect(String pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(address));
    }

    /** Waits up to 20 s for {@code name} to be registered (the agent publishes its beans off the app's threads). */
    public static void awaitRegistered(MBeanServerConnection server, ObjectName name) {
        await(name + " registered").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> server.isRegistered(name));
    }
}
