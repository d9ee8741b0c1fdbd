package org.breakpilot.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.StandardMBean;
import org.breakpilot.checkpoint.jmx.AgentMXBean;
import org.breakpilot.checkpoint.jmx.CheckpointManagerMXBean;
import org.breakpilot.checkpoint.jmx.JmxRegistry;
import org.junit.jupiter.api.Test;

/**
 * A session MBean called through {@link MBeanProxies} fails with the line that invoking the operation
 * by name gave (what the CLI printed before it used proxies): each case is checked against
 * {@code MBeanServer.invoke} itself.
 */
class MBeanProxiesTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ObjectName name = JmxRegistry.sessionName("s");

    @Test
    void anOperationsResultComesBackTyped() throws Exception {
        register(CheckpointManagerMXBean.class, (method, arguments) -> method.equals("importJson") ? 3 : null);

        assertEquals(3, proxy().importJson("[]"));
    }

    @Test
    void aRefusalIsTheMBeansOwnMessageAsAFailureNotAUsageError() throws Exception {
        register(CheckpointManagerMXBean.class, (method, arguments) -> {
            throw new IllegalArgumentException("no checkpoint 's:9' in session 's'");
        });
        String invoked = ((RuntimeMBeanException) assertThrows(RuntimeMBeanException.class,
                () -> invoke("rollbackTo", "s:9"))).getTargetException().getMessage();

        CliFailure failure = assertThrows(CliFailure.class, () -> proxy().rollbackTo("s:9"));

        assertEquals("no checkpoint 's:9' in session 's'", failure.getMessage());
        assertEquals(invoked, failure.getMessage());
    }

    @Test
    void anUnregisteredMBeanNamesTheOperationAndThePid() {
        JMException invoked = assertThrows(JMException.class, () -> invoke("summaryJson"));

        CliFailure failure = assertThrows(CliFailure.class, () -> proxy().summaryJson());

        assertEquals("summaryJson failed in 4242: " + invoked.getMessage(), failure.getMessage());
    }

    @Test
    void anOperationTheMBeanLacksNamesTheOperationAndThePid() throws Exception {
        register(AgentMXBean.class, (method, arguments) -> null);
        JMException invoked = assertThrows(JMException.class, () -> invoke("fork", "s:1", "t"));

        CliFailure failure = assertThrows(CliFailure.class, () -> proxy().fork("s:1", "t"));

        assertEquals("fork failed in 4242: " + invoked.getMessage(), failure.getMessage());
    }

    @Test
    void anErrorInTheMBeanIsTheLineTheMBeanServerWrapsItIn() throws Exception {
        register(CheckpointManagerMXBean.class, (method, arguments) -> {
            throw new AssertionError("broken");
        });
        JMRuntimeException invoked = assertThrows(JMRuntimeException.class, () -> invoke("exportJson"));

        CliFailure failure = assertThrows(CliFailure.class, () -> proxy().exportJson());

        assertEquals("java.lang.AssertionError: broken", failure.getMessage());
        assertEquals(invoked.getMessage(), failure.getMessage());
    }

    private CheckpointManagerMXBean proxy() {
        return MBeanProxies.open(server, name, CheckpointManagerMXBean.class, "4242");
    }

    private Object invoke(String operation, String... arguments) throws JMException {
        String[] signature = new String[arguments.length];
        java.util.Arrays.fill(signature, String.class.getName());
        return server.invoke(name, operation, arguments, signature);
    }

    /** What a fake MBean does when an operation of it is called. */
    private interface Behaviour {
        Object call(String method, Object[] arguments);
    }

    private <T> void register(Class<T> type, Behaviour behaviour) throws JMException {
        T fake = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> behaviour.call(method.getName(), arguments)));
        server.registerMBean(new StandardMBean(fake, type, true), name);
    }
}
