package org.breakpilot.testhost;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Runs {@link MdcGuest} whose session comes from the application's MDC:
 * {@code app} with SLF4J on the class path; {@code childFirst <url>...} and {@code nested <outer jar>} in
 * a loader that alone sees SLF4J; {@code brokenMdc} with an MDC whose {@code get} throws, calling only
 * the recorded method and printing the agent's failure count.
 */
public final class MdcSessionHost {

    private MdcSessionHost() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader application = MdcSessionHost.class.getClassLoader();
        switch (args[0]) {
            case "app" -> new MdcGuest().run();
            case "childFirst" -> {
                URL[] urls = new URL[args.length - 1];
                for (int i = 1; i < args.length; i++) {
                    urls[i - 1] = new File(args[i]).toURI().toURL();
                }
                runIsolated(new ChildFirstLoader(urls, application));
            }
            case "nested" -> runIsolated(new NestedJarLoader(Path.of(args[1]), application));
            case "brokenMdc" -> {
                MdcGuest guest = new MdcGuest();
                for (String item : new String[] {"a", "b", "c"}) {
                    System.out.println(guest.place(item));
                }
                System.out.println("capture failures = " + captureFailures());
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** The agent's count, once its MBean is there: the agent registers it a little after start. */
    private static Object captureFailures() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("org.breakpilot.checkpoint:type=Agent");
        HostPoll.until(Duration.ofSeconds(30), () -> server.isRegistered(agent));
        return server.getAttribute(agent, "CaptureFailures");
    }

    private static void runIsolated(ClassLoader loader) throws Exception {
        Class<?> guest = loader.loadClass(MdcGuest.class.getName());
        System.out.println("guest from its own loader: " + (guest.getClassLoader() == loader)
                + "; application loader sees SLF4J: " + sees(MdcSessionHost.class.getClassLoader(), "org.slf4j.MDC"));
        ((Runnable) guest.getDeclaredConstructor().newInstance()).run();
    }

    private static boolean sees(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException notVisible) {
            return false;
        }
    }
}
