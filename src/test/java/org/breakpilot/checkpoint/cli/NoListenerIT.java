package org.breakpilot.checkpoint.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.breakpilot.checkpoint.testing.Jvm;

/**
 * The agent opens no network listener: a JVM recording checkpoints with it, journal and JMX included,
 * listens on no TCP port. (Its JMX beans are on the platform MBean server, reached through the Attach
 * API; a port is only ever the application's own choice.) Read from Linux's /proc.
 */
class NoListenerIT {

    private static final String LISTEN = "0A";

    @Test
    void aRecordingJvmListensOnNoTcpPort() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
        try (ScriptedHost host = new ScriptedHost(Jvm.targetJava(),
                List.of(Jvm.javaagent(null)))) {
            for (int value = 1; value <= 5; value++) {
                host.step("net", value);
            }
            // Once the agent has published its MBeans (off the application's threads, its own a second after
            // start), so that a listener opened for JMX would be there too. The host looks in-process: a JMX
            // client of ours would itself make the JVM listen.
            await("the agent's and session net's MBeans registered").atMost(Duration.ofSeconds(20))
                    .pollInSameThread().pollInterval(Duration.ofMillis(50))
                    .until(() -> host.send("published net"), "published true"::equals);
            host.step("net", 6);

            assertEquals(List.of(), listeningSockets(host.pid));
        }
    }

    /** The rows of /proc/net/tcp{,6} in LISTEN state whose socket the process holds. */
    private static List<String> listeningSockets(String pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", pid, "fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // A descriptor closed while we looked: not a listener.
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String row : Files.readAllLines(file)) {
                String[] fields = row.trim().split("\\s+");
                if (fields.length > 9 && LISTEN.equals(fields[3]) && inodes.contains(fields[9])) {
                    listening.add(table + ": " + row.trim());
                }
            }
        }
        return listening;
    }
}
