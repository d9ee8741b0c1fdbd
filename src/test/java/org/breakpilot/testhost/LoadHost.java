package org.breakpilot.testhost;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.breakpilot.checkpoint.api.Checkpoint;
import org.breakpilot.checkpoint.api.Checkpoints;
import org.breakpilot.checkpoint.api.SessionId;

/**
 * The load test's host. Gives each of {@code sessions} sessions one call, waits for every session's
 * MBean and subscribes to its {@code created} notifications (delivered on the creating thread, so each
 * call's id is heard exactly once), fills every session to its retention, then runs {@code threads}
 * platform threads for {@code seconds}, each calling five {@code @Checkpoint} shapes in sessions picked
 * at random. It measures the heap after a full GC before, after the fill, at 10 s and at the end, and
 * writes per session what it counted and what the agent reports, for {@code LoadIT} to judge.
 *
 * <p>Arguments: {@code threads sessions seconds outFile}. Prints one {@code figures ...} line.
 */
public class LoadHost {

    /** The checkpoint names of the five shapes, in the order of their letters in the report ({@code a}...). */
    public static final List<String> NAMES = List.of("load.order", "load.describe", "load.total", "load.lines",
            "load.reject");
    private static final int FILL_CALLS = 30;

    /** A line of an order, captured through its record components. */
    public record Line(String sku, int quantity) {
    }

    @Checkpoint("load.order")
    static int order(@SessionId String session, String sku, int quantity) {
        return quantity * 3;
    }

    @Checkpoint("load.describe")
    String describe(@SessionId String session, Map<String, Object> attributes) {
        return session + "/" + attributes.size();
    }

    @Checkpoint("load.total")
    static long total(@SessionId String session, int... amounts) {
        long sum = 0;
        for (int amount : amounts) {
            sum += amount;
        }
        return sum;
    }

    @Checkpoint("load.lines")
    static List<Line> lines(@SessionId String session, List<String> skus) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            lines.add(new Line(skus.get(i), i + 1));
        }
        return lines;
    }

    @Checkpoint("load.reject")
    static void reject(@SessionId String session, long call) throws IOException {
        throw new IOException("rejected call " + call);
    }

    private final String[] sessions;
    private final SessionLog[] logs;
    private final AtomicLongArray calls;

    LoadHost(int sessionCount) {
        sessions = new String[sessionCount];
        logs = new SessionLog[sessionCount];
        calls = new AtomicLongArray(sessionCount);
        for (int s = 0; s < sessionCount; s++) {
            sessions[s] = String.format("load-%04d", s);
            logs[s] = new SessionLog();
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        LoadHost host = new LoadHost(Integer.parseInt(args[1]));
        long seconds = Long.parseLong(args[2]);
        long heapBase = usedHeapAfterGc();
        host.warmUp();
        host.subscribe();
        long heapSubscribed = usedHeapAfterGc() - host.logBytes();
        long retainedSubscribed = host.retained();
        host.fill();
        long heapFilled = usedHeapAfterGc() - host.logBytes();
        long retainedFilled = host.retained();
        long[] hammered = host.hammer(threads, seconds);
        try (Writer out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
            host.report(out);
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("org.breakpilot.checkpoint:type=Agent");
        System.out.printf("figures threads=%d seconds=%d calls=%d millis=%d heapBase=%d heapSubscribed=%d"
                + " retainedSubscribed=%d heapFilled=%d retainedFilled=%d heap10s=%d heapEnd=%d dropped=%s"
                + " recorded=%s%n", threads, seconds, hammered[0], hammered[1], heapBase, heapSubscribed,
                retainedSubscribed, heapFilled, retainedFilled, hammered[2], hammered[3],
                server.getAttribute(agent, "Dropped"), server.getAttribute(agent, "Recorded"));
    }

    /** One call per session, single-threaded, so its id can be asked for: no notification is heard yet. */
    private void warmUp() {
        for (int s = 0; s < sessions.length; s++) {
            call(s, 0, 0);
            String id = (String) Checkpoints.latest(sessions[s], null).orElseThrow().get("id");
            logs[s].heard(id, NAMES.get(0));
        }
    }

    /** Waits (at most a minute) for every session's MBean and listens to its checkpoints. */
    private void subscribe() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName pattern = new ObjectName("org.breakpilot.checkpoint:type=CheckpointManager,*");
        if (!HostPoll.until(Duration.ofMinutes(1), () -> server.queryNames(pattern, null).size() >= sessions.length)) {
            throw new IllegalStateException("only " + server.queryNames(pattern, null).size() + " of "
                    + sessions.length + " session MBeans registered after a minute");
        }
        NotificationListener listener = new CreatedListener();
        for (int s = 0; s < sessions.length; s++) {
            ObjectName name = new ObjectName("org.breakpilot.checkpoint:type=CheckpointManager,session="
                    + ObjectName.quote(sessions[s]));
            server.addNotificationListener(name, listener, null, logs[s]);
        }
    }

    /** Gives every session enough calls to reach its retention, so its heap can be measured. */
    private void fill() {
        for (int round = 0; round < FILL_CALLS; round++) {
            for (int s = 0; s < sessions.length; s++) {
                call(s, round % NAMES.size(), round);
            }
        }
    }

    /** Runs the threads for {@code seconds}; returns calls, millis, heap at 10 s and at the end. */
    private long[] hammer(int threadCount, long seconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        long[] perThread = new long[threadCount];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int index = t;
            Thread thread = new Thread(() -> perThread[index] = callUntil(deadline), "load-" + t);
            threads.add(thread);
            thread.start();
        }
        // Waiting for a moment in time, not for an event: nothing could signal it sooner.
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(start + TimeUnit.SECONDS.toNanos(10) - System.nanoTime())));
        long heap10s = usedHeapAfterGc() - logBytes();
        for (Thread thread : threads) {
            thread.join();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long heapEnd = usedHeapAfterGc() - logBytes();
        long total = 0;
        for (long count : perThread) {
            total += count;
        }
        return new long[] {total, millis, heap10s, heapEnd};
    }

    private long callUntil(long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long made = 0;
        while (System.nanoTime() - deadline < 0) {
            call(random.nextInt(sessions.length), random.nextInt(NAMES.size()), made);
            made++;
        }
        return made;
    }

    private void call(int s, int shape, long n) {
        String session = sessions[s];
        calls.incrementAndGet(s);
        switch (shape) {
            case 0 -> order(session, "sku-" + n % 97, (int) n);
            case 1 -> describe(session, Map.of("call", n, "region", "north", "tags", List.of("a", "b")));
            case 2 -> total(session, 1, 2, (int) n);
            case 3 -> lines(session, List.of("sku-" + n % 13, "sku-" + n % 7));
            default -> {
                try {
                    reject(session, n);
                } catch (IOException expected) {
                    // Recorded as the call's error; the host carries on, as an application would.
                }
            }
        }
    }

    /** Per session: what it counted, what it heard, and what the agent reports. One JSON object each. */
    private void report(Writer out) throws IOException {
        for (int s = 0; s < sessions.length; s++) {
            StringBuilder retained = new StringBuilder();
            for (Map<String, Object> checkpoint : Checkpoints.history(sessions[s])) {
                retained.append(retained.length() == 0 ? "\"" : ",\"").append(checkpoint.get("id")).append('"');
            }
            SessionLog log = logs[s];
            synchronized (log) {
                out.write("{\"session\":\"" + sessions[s] + "\",\"calls\":" + calls.get(s) + ",\"duplicates\":"
                        + log.duplicates + ",\"malformed\":" + log.malformed + ",\"heard\":\""
                        + log.heardNames() + "\",\"retained\":["
                        + retained + "],\"summary\":" + Checkpoints.summaryJson(sessions[s]).orElse("null") + "}\n");
            }
        }
    }

    private long retained() {
        long retained = 0;
        for (String session : sessions) {
            retained += Checkpoints.history(session).size();
        }
        return retained;
    }

    /** The heap the host's own logs hold, left out of the agent's figures. */
    private long logBytes() {
        long bytes = 0;
        for (SessionLog log : logs) {
            synchronized (log) {
                bytes += log.names.length;
            }
        }
        return bytes;
    }

    /**
     * The heap the last collection left, as the collector reported it. The pools' current usage, read
     * after {@code System.gc()} returns, would also count what the 16 running threads allocated since,
     * their thread-local buffers included: up to tens of MB that no retention decides.
     */
    private static long usedHeapAfterGc() {
        long requested = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.gc();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        GcInfo last = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class)) {
            GcInfo info = collector.getLastGcInfo();
            if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
                last = info;
            }
        }
        if (last == null || last.getEndTime() < requested) {
            throw new IllegalStateException("no collection reported after System.gc(); was -XX:+DisableExplicitGC given?");
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : last.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    /** Hears each created checkpoint on its creating thread; the handback is the session's log. */
    private static final class CreatedListener implements NotificationListener {
        @Override
        public void handleNotification(Notification notification, Object handback) {
            CompositeData checkpoint = (CompositeData) notification.getUserData();
            ((SessionLog) handback).heard((String) checkpoint.get("id"), (String) checkpoint.get("name"));
        }
    }

    /**
     * Per id number n, the letter of the name heard with id {@code <session>:n} ({@code a} for the first
     * of {@link #NAMES}); 0 where no id was heard. A second id with the same number is a duplicate.
     */
    private static final class SessionLog {
        byte[] names = new byte[64];
        int highest;
        long duplicates;
        long malformed;

        synchronized void heard(String id, String name) {
            int shape = NAMES.indexOf(name);
            int number = id.lastIndexOf(':') < 0 ? -1 : Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
            if (shape < 0 || number < 1) {
                malformed++;
                return;
            }
            if (number >= names.length) {
                names = Arrays.copyOf(names, Math.max(number + 1, names.length * 2));
            }
            if (names[number] != 0) {
                duplicates++;
            }
            names[number] = (byte) ('a' + shape);
            highest = Math.max(highest, number);
        }

        /** The letters of ids 1 to the highest heard, {@code -} for a number never heard. */
        synchronized String heardNames() {
            StringBuilder heard = new StringBuilder(highest);
            for (int n = 1; n <= highest; n++) {
                heard.append(names[n] == 0 ? '-' : (char) names[n]);
            }
            return heard.toString();
        }

    }
}
