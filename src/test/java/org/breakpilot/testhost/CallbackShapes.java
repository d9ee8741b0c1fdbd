package org.breakpilot.testhost;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * Annotated methods reached through callbacks, for {@link ShapesHost}: lambdas, a local class, an
 * application's listener that calls back into the method that notified it, a JMX listener of the
 * agent's own notifications that calls an annotated method, and virtual threads (on JDK 21+, started
 * reflectively since the host is compiled for 17; platform threads before, printing the same).
 */
final class CallbackShapes {

    private static final int THREADS = 40;
    private final List<IntUnaryOperator> listeners = new ArrayList<>();

    @Checkpoint
    static int square(int x) {
        return x * x;
    }

    /** Notifies the listeners, one of which publishes again: the method is re-entered from inside itself. */
    @Checkpoint
    String publish(String event, int hops) {
        StringBuilder heard = new StringBuilder(event);
        for (IntUnaryOperator listener : listeners) {
            heard.append('|').append(listener.applyAsInt(hops));
        }
        return heard.toString();
    }

    @Checkpoint
    static String heardFromJmx(String checkpointName) {
        return "heard " + checkpointName;
    }

    @Checkpoint
    static String notifiesJmx(@SessionId String session, String step) {
        return session + "/" + step;
    }

    @Checkpoint
    static int onThread(@SessionId String session, int task, boolean virtual) {
        return task * 3;
    }

    static void run() throws Exception {
        ShapesHost.print("lambda", IntStream.rangeClosed(1, 4).map(i -> square(i)).sum());
        IntUnaryOperator reference = CallbackShapes::square;
        ShapesHost.print("methodReference", reference.applyAsInt(9));
        ShapesHost.print("localClass", localClass());
        CallbackShapes bus = new CallbackShapes();
        bus.listeners.add(hops -> hops > 0 ? bus.publish("echo" + hops, hops - 1).length() : 0);
        ShapesHost.print("listenerReentry", bus.publish("start", 2));
        jmxListenerReentry();
        ShapesHost.print("threads", onThreads());
    }

    private static String localClass() {
        class Local {
            @Checkpoint
            String describe(int n) {
                return "local " + n;
            }
        }
        return new Local().describe(5);
    }

    /**
     * With the agent, a listener of its JMX notifications calls an annotated method while the agent is
     * recording; it must run and return as usual. Without the agent there is no MBean to listen to,
     * so what the listener heard is printed as a {@code facade.} line.
     */
    private static void jmxListenerReentry() throws Exception {
        ShapesHost.print("notifiesJmx", notifiesJmx("jmx-listened", "first"));
        ObjectName name = new ObjectName("org.breakpilot.checkpoint:type=CheckpointManager,session="
                + ObjectName.quote("jmx-listened"));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> heard = new ArrayList<>();
        if (Checkpoints.summaryJson("jmx-listened").isPresent() && registered(server, name)) {
            NotificationListener listener = (Notification notification, Object handback) ->
                    heard.add(heardFromJmx(notification.getMessage()));
            server.addNotificationListener(name, listener, null, null);
            ShapesHost.print("notifiesJmx", notifiesJmx("jmx-listened", "second"));
            server.removeNotificationListener(name, listener);
        } else {
            ShapesHost.print("notifiesJmx", notifiesJmx("jmx-listened", "second"));
        }
        ShapesHost.print("facade.jmxListenerHeard", heard);
    }

    /** The agent publishes a session's MBean off the application's thread: wait for it, with a deadline. */
    private static boolean registered(MBeanServer server, ObjectName name) throws Exception {
        return HostPoll.until(Duration.ofSeconds(30), () -> server.isRegistered(name));
    }

    private static int onThreads() throws Exception {
        AtomicInteger sum = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int task = 0; task < THREADS; task++) {
            int n = task;
            Runnable call = () -> sum.addAndGet(onThread("threads", n, isVirtual(Thread.currentThread())));
            threads.add(start("worker-" + task, call));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return sum.get();
    }

    /** A virtual thread where the JDK has them (21+), else a platform thread. */
    private static Thread start(String name, Runnable task) throws Exception {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException beforeJdk21) {
            Thread thread = new Thread(task, name);
            thread.start();
            return thread;
        }
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object named = builder.getMethod("name", String.class).invoke(ofVirtual.invoke(null), name);
        return (Thread) builder.getMethod("start", Runnable.class).invoke(named, task);
    }

    private static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException beforeJdk21) {
            return false;
        }
    }
}
