package org.breakpilot.checkpoint.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * MXBean proxies for the CLI: a call is the interface's method, so that renaming an operation is a
 * compile error, and every failure is the one line the CLI prints.
 *
 * <p>A {@link JMX#newMXBeanProxy proxy} unwraps what the MBean server wraps: the MBean's own
 * {@link RuntimeException} arrives bare rather than in a {@link javax.management.RuntimeMBeanException},
 * its {@link Error} bare rather than in a {@link javax.management.RuntimeErrorException}, and a checked
 * exception (the target unreachable, the MBean gone, an operation it lacks) in an
 * {@link UndeclaredThrowableException}. The proxies made here map each back to the line the CLI has
 * always printed for it:
 * <ul>
 * <li>the MBean refused the call: its message ({@link CliFailure}, exit 1), e.g. a bad checkpoint id;
 * <li>the call did not reach it: {@code <operation> failed in <pid>: <why>} ({@link CliFailure});
 * <li>it threw an {@link Error}: the error as the MBean server describes it ({@link CliFailure});
 * <li>the connection refused the request ({@link JMRuntimeException}): passed on unchanged.
 * </ul>
 */
final class MBeanProxies {

    private MBeanProxies() {
    }

    /** The MXBean {@code name} of {@code pid}, seen through {@code type}, failing as one line. */
    static <T> T open(MBeanServerConnection mbeans, ObjectName name, Class<T> type, String pid) {
        T bean = JMX.newMXBeanProxy(mbeans, name, type);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) -> {
            try {
                return method.invoke(bean, arguments);
            } catch (InvocationTargetException e) {
                throw oneLine(method.getName(), pid, e.getCause());
            }
        }));
    }

    private static RuntimeException oneLine(String operation, String pid, Throwable failure) {
        if (failure instanceof UndeclaredThrowableException undeclared) {
            Throwable cause = undeclared.getCause();
            // An MBeanException's message was its checked cause's toString(); the proxy hands on the cause.
            String why = cause instanceof IOException || cause instanceof JMException ? cause.getMessage() : cause.toString();
            return new CliFailure(operation + " failed in " + pid + ": " + why);
        }
        if (failure instanceof Error error) {
            // The MBean server's RuntimeErrorException said error.toString().
            return new CliFailure(error.toString());
        }
        if (failure instanceof JMRuntimeException connectionRefused) {
            return connectionRefused;
        }
        if (failure instanceof RuntimeException refused) {
            return new CliFailure(refused.getMessage());
        }
        return new CliFailure(operation + " failed in " + pid + ": " + failure);
    }
}
